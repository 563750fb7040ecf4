import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

for (const dialect of DIALECTS) {
  describe(`service basics (${dialect})`, () => {
    let t: TestDatabase;
    const logs: string[] = [];
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
    });
    afterAll(async () => t.destroy());

    it('answers /healthz from the database', async () => {
      const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: (l) => logs.push(l) });
      const res = await app.request('/healthz');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('serves the home page as a standards-mode HTML page with security headers', async () => {
      const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET } });
      const res = await app.request('/');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    });

    it('serves the home page in the visitor\'s language, saying nothing about what the service holds', async () => {
      const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET } });
      const en = await (await app.request('/')).text();
      expect(en).toMatch(/<html lang="en"/);
      expect(en).toContain('open it exactly as you received it');
      expect(en).toContain('href="/?lang=es"');
      expect(en).not.toMatch(/\bstud(y|ies)\b[^<]*\d|\d+ stud/i);
      expect(en).not.toMatch(/holds \d/);
      for (const req of [app.request('/', { headers: { 'accept-language': 'es-MX,es;q=0.9' } }), app.request('/?lang=es')]) {
        const es = await (await req).text();
        expect(es).toMatch(/<html lang="es"/);
        expect(es).toContain('ábralo tal como lo recibió');
        expect(es).toContain('href="/?lang=en"');
      }
    });

    it('answers an unknown path with a JSON 404 that does not echo a survey code', async () => {
      const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET } });
      const res = await app.request('/s/SECRETCODE123/extra');
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('SECRETCODE123');
    });
  });
}
