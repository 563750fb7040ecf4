// Closing a wave from the admin pages on each dialect: never in one step — a post without
// the confirmation only shows the page that says what closing does — and a closing day
// later than today (the wave closes now) is refused with the reason next to the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { createStudy, createWave, getWave, openWave } from '../../data/repositories/studies.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

for (const dialect of DIALECTS) {
  describe(`closing a wave (${dialect})`, () => {
    let t: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let cookie = '';
    let csrf = '';
    let waveId = '';

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const db = t.handle.db;
      app = createApp({ db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {} });
      const { token } = await createAdminToken(db, TEST_SECRET, 'officer');
      const login = await app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
      cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const study = await createStudy(db, { name: 'S' });
      const wave = await createWave(db, { studyId: study.id, name: 'Fall' });
      await openWave(db, wave.id, { opensOn: '2026-01-01', closesOn: '2099-06-30' });
      waveId = wave.id;
      const page = await (await app.request(`/admin/waves/${waveId}`, { headers: { cookie } })).text();
      csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(page)![1];
    });
    afterAll(async () => t.destroy());

    const close = (form: Record<string, string>) =>
      app.request(`/admin/waves/${waveId}/close`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf, ...form }) });

    it('only asks for confirmation when the post does not carry it', async () => {
      const res = await close({ closes_on: '' });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Close Fall?');
      expect(html).toContain('replacing the planned closing day 2099-06-30');
      expect(html).toContain('name="confirm" value="yes"');
      expect((await getWave(t.handle.db, waveId)).status).toBe('open');
    });

    it('refuses a closing day after today, keeping the wave open', async () => {
      const res = await close({ confirm: 'yes', closes_on: '2099-01-01' });
      expect(res.status).toBe(422);
      expect(await res.text()).toMatch(/href="#close_on">The wave closes now, so the closing day cannot be later than today/);
      expect((await getWave(t.handle.db, waveId)).status).toBe('open');
    });

    it('closes once confirmed, recording the day, and then sends the confirmation page back to the wave', async () => {
      const res = await close({ confirm: 'yes', closes_on: '' });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/The wave is closed \(closing day \d{4}-\d{2}-\d{2}\)/);
      expect((await getWave(t.handle.db, waveId)).status).toBe('closed');
      const again = await app.request(`/admin/waves/${waveId}/close`, { headers: { cookie } });
      expect(again.status).toBe(409);
      expect(await again.text()).toMatch(/only an open wave can be closed/);
    });
  });
}
