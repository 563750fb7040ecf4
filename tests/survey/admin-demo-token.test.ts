// The demo's one-time admin sign-in link on each dialect: the token starts one page session
// and is then spent (a second sign-in and any API use are refused, while the session it
// started keeps working), and each demo run revokes the sign-in tokens of earlier runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { createAdminToken, listAdminTokens } from '../../data/repositories/admin-tokens.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { createStudy, createWave } from '../../data/repositories/studies.js';
import { DEMO_TOKEN_LABEL, printDemoAdminLinks } from '../../cli/commands/admin-demo.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

for (const dialect of DIALECTS) {
  describe(`demo admin sign-in link (${dialect})`, () => {
    let t: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let demo: () => Promise<string>;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const db = t.handle.db;
      app = createApp({ db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {} });
      const study = await createStudy(db, { name: 'Demo' });
      const wave = await createWave(db, { studyId: study.id, name: 'Fall' });
      const [org] = await createOrganizations(db, [{ studyId: study.id, name: 'Org' }]);
      // What `npm run demo` prints, as a person would copy it.
      demo = async () => {
        const lines: string[] = [];
        await printDemoAdminLinks(db, TEST_SECRET, wave.id, { id: org.id, code: org.code }, 'http://localhost:3000', (l) => lines.push(l));
        const link = lines.map((l) => /(http:\/\/localhost:3000\/admin\/login\?token=\S+)/.exec(l)?.[1]).find(Boolean);
        expect(link, lines.join('\n')).toBeDefined();
        expect(lines.join('\n')).toMatch(/one-time/);
        return new URL(link!).searchParams.get('token')!;
      };
    });
    afterAll(async () => t.destroy());

    const signIn = (token: string) => app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
    const api = (token: string) => app.request('/api/v1/admin/studies', { headers: { Authorization: `Bearer ${token}` } });

    it('starts one session, then works nowhere: not for a second sign-in, not for the API', async () => {
      const token = await demo();
      // The sign-in page only fills the field in: following the link spends nothing.
      expect(await (await app.request(`/admin/login?token=${token}`)).text()).toContain(`value="${token}"`);
      const api1 = await api(token);
      expect(api1.status).toBe(401);
      expect(((await api1.json()) as { message: string }).message).toMatch(/one-time sign-in token .* never works for the API/);

      const first = await signIn(token);
      expect(first.status).toBe(303);
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
      expect((await app.request('/admin', { headers: { cookie } })).status).toBe(200);

      const second = await signIn(token);
      expect(second.status).toBe(401);
      expect(await second.text()).toMatch(/one-time sign-in link has already been used/);
      expect((await api(token)).status).toBe(401);
      // The session it started lives on.
      expect((await app.request('/admin', { headers: { cookie } })).status).toBe(200);
    });

    it('two sign-ins at once with one token start one session', async () => {
      const token = await demo();
      const results = await Promise.all([signIn(token), signIn(token), signIn(token)]);
      expect(results.map((r) => r.status).sort()).toEqual([303, 401, 401]);
    });

    it('leaves one live demo token however often the demo runs, and spares other tokens', async () => {
      await createAdminToken(t.handle.db, TEST_SECRET, 'program officer');
      // A token an earlier version of the demo made ("demo " and six code symbols).
      const old = await createAdminToken(t.handle.db, TEST_SECRET, 'demo 7K3QXZ');
      const oldSession = await signIn(old.token);
      expect(oldSession.status).toBe(303);
      const tokens: string[] = [];
      for (let i = 0; i < 3; i++) tokens.push(await demo());
      const live = (await listAdminTokens(t.handle.db)).filter((x) => x.revoked_on === null);
      expect(live.map((x) => x.label).sort()).toEqual([DEMO_TOKEN_LABEL, 'program officer']);
      expect((await signIn(old.token)).status).toBe(401);
      expect((await signIn(tokens[0])).status).toBe(401);
      expect((await signIn(tokens[2])).status).toBe(303);
    });
  });
}
