// Admin page sessions live on the server: signing out ends the session (the old cookie stops
// working), every sign-in draws a new id and ends the browser's previous one, sessions
// expire by the app's clock, and the database keeps only a keyed hash of the id. The cookie
// is Secure when Rootwork is served over HTTPS (a https public URL, or a trusted proxy's
// X-Forwarded-Proto; never an untrusted one). A form posted from another site is refused
// with 403 even with a valid session and CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../survey/app.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { createStudy, createWave } from '../../data/repositories/studies.js';
import { csrfFor, SESSION_SECONDS } from '../../survey/middleware/admin-auth.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

const SITE = 'http://rootwork.test';

for (const dialect of DIALECTS) {
  describe(`admin sessions (${dialect})`, () => {
    let t: TestDatabase;
    let now = new Date('2026-11-30T18:00:00Z');
    let token = '';
    const appWith = (config: Partial<AppDeps['config']> = {}) =>
      createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET, ...config }, log: () => {}, clock: () => now });

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      token = (await createAdminToken(t.handle.db, TEST_SECRET, 'sessions')).token;
    });
    afterAll(async () => t.destroy());

    async function signIn(app = appWith(), headers: Record<string, string> = {}): Promise<{ cookie: string; setCookie: string; id: string }> {
      const res = await app.request(`${SITE}/admin/login`, { method: 'POST', headers, body: new URLSearchParams({ token }) });
      expect(res.status).toBe(303);
      const setCookie = res.headers.get('set-cookie') ?? '';
      const cookie = setCookie.split(';')[0];
      return { cookie, setCookie, id: cookie.split('=')[1] };
    }

    const home = (cookie: string, app = appWith()) => app.request(`${SITE}/admin`, { headers: { Cookie: cookie } });
    const studyNames = async () => (await t.handle.db.selectFrom('studies').select('name').execute()).map((r) => r.name);

    it('ends the session at sign-out: the old cookie no longer opens any admin page', async () => {
      const { cookie, id } = await signIn();
      expect((await home(cookie)).status).toBe(200);
      const out = await appWith().request(`${SITE}/admin/logout`, { method: 'POST', headers: { Cookie: cookie, Origin: SITE }, body: new URLSearchParams({ _csrf: csrfFor(TEST_SECRET, id) }) });
      expect(out.status).toBe(303);
      expect(out.headers.get('set-cookie')).toMatch(/rw_admin=;/);
      // A copy of the cookie kept from before sign-out (another tab, a stolen copy) is dead.
      const after = await home(cookie);
      expect(after.status).toBe(401);
      expect(await after.text()).toMatch(/session has ended/);
      const post = await appWith().request(`${SITE}/admin/studies`, { method: 'POST', headers: { Cookie: cookie, Origin: SITE }, body: new URLSearchParams({ name: 'After sign-out', _csrf: csrfFor(TEST_SECRET, id) }) });
      expect(post.status).toBe(401);
      expect(await studyNames()).not.toContain('After sign-out');
    });

    it('draws a new session id at every sign-in and ends the one the browser had', async () => {
      const first = await signIn();
      const second = await signIn(appWith(), { Cookie: first.cookie });
      expect(second.id).not.toBe(first.id);
      expect(second.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await home(second.cookie)).status).toBe(200);
      expect((await home(first.cookie)).status).toBe(401);
    });

    it('keeps only a keyed hash of the session id, and expires sessions by the clock', async () => {
      const { cookie, id } = await signIn();
      const rows = await t.handle.db.selectFrom('admin_sessions').selectAll().execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(id);
      const start = now;
      now = new Date(start.getTime() + (SESSION_SECONDS - 60) * 1000);
      expect((await home(cookie)).status).toBe(200);
      now = new Date(start.getTime() + (SESSION_SECONDS + 1) * 1000);
      expect((await home(cookie)).status).toBe(401);
      now = start;
    });

    it('refuses a value that is not a session: a forged id of the right shape, or junk', async () => {
      for (const value of ['A'.repeat(43), 'x', `${'0'.repeat(36)}.99999999999.${'a'.repeat(64)}`]) {
        expect((await home(`rw_admin=${value}`)).status, value).toBe(401);
      }
    });

    it('marks the cookie Secure under a https public URL and under a trusted proxy header, not under an untrusted one', async () => {
      const secure = (setCookie: string) => /;\s*Secure/i.test(setCookie);
      expect(secure((await signIn()).setCookie)).toBe(false);
      expect(secure((await signIn(appWith({ publicUrl: 'https://survey.example.org' }))).setCookie)).toBe(true);
      expect(secure((await signIn(appWith({ publicUrl: 'http://survey.example.org' }))).setCookie)).toBe(false);
      expect(secure((await signIn(appWith({ trustProxy: 1 }), { 'X-Forwarded-Proto': 'https' })).setCookie)).toBe(true);
      // Without a configured proxy the header is anyone's to send: it changes nothing.
      expect(secure((await signIn(appWith({ trustProxy: 0 }), { 'X-Forwarded-Proto': 'https' })).setCookie)).toBe(false);
      expect(secure((await signIn(appWith(), { 'X-Forwarded-Proto': 'https' })).setCookie)).toBe(false);
    });

    it('refuses an admin form posted from another site with a clear 403, even with a valid session and CSRF token', async () => {
      const { cookie, id } = await signIn();
      const form = (name: string) => new URLSearchParams({ name, _csrf: csrfFor(TEST_SECRET, id) });
      const attacks: Record<string, string>[] = [
        { Origin: 'https://evil.example' },
        { Origin: 'null' },
        { Origin: 'http://rootwork.test:8080' },
        { Referer: 'https://evil.example/page' },
        { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
        { 'Sec-Fetch-Site': 'same-site', Origin: 'http://other.rootwork.test' },
        // An untrusted X-Forwarded-Proto cannot make another scheme's origin ours.
        { Origin: 'https://rootwork.test', 'X-Forwarded-Proto': 'https' },
      ];
      for (const headers of attacks) {
        const res = await appWith().request(`${SITE}/admin/studies`, { method: 'POST', headers: { Cookie: cookie, ...headers }, body: form('Forged') });
        expect(res.status, JSON.stringify(headers)).toBe(403);
        const text = await res.text();
        expect(text, JSON.stringify(headers)).toMatch(/sent to Rootwork from .*not from Rootwork&#39;s own admin pages, so nothing was changed/);
      }
      const logout = await appWith().request(`${SITE}/admin/logout`, { method: 'POST', headers: { Cookie: cookie, Origin: 'https://evil.example' }, body: form('') });
      expect(logout.status).toBe(403);
      expect((await home(cookie)).status).toBe(200);
      expect(await studyNames()).not.toContain('Forged');

      // Rootwork's own pages: the request's origin, the public URL, or the trusted proxy's scheme.
      const ok: [Partial<AppDeps['config']>, Record<string, string>, string][] = [
        [{}, { Origin: SITE, 'Sec-Fetch-Site': 'same-origin' }, 'Same origin'],
        [{}, { Referer: `${SITE}/admin` }, 'Same referer'],
        [{ publicUrl: 'https://survey.example.org' }, { Origin: 'https://survey.example.org' }, 'Public URL'],
        [{ trustProxy: 1 }, { Origin: 'https://rootwork.test', 'X-Forwarded-Proto': 'https' }, 'Behind proxy'],
      ];
      for (const [config, headers, name] of ok) {
        const res = await appWith(config).request(`${SITE}/admin/studies`, { method: 'POST', headers: { Cookie: cookie, ...headers }, body: form(name) });
        expect(res.status, name).toBe(303);
      }
      expect(await studyNames()).toEqual(expect.arrayContaining(['Same origin', 'Same referer', 'Public URL', 'Behind proxy']));
    });

    it('hands out links on the public URL, or with the trusted proxy\'s scheme, never the proxy\'s back side', async () => {
      const study = await createStudy(t.handle.db, { name: 'Links study' });
      const wave = await createWave(t.handle.db, { studyId: study.id, name: 'Links', status: 'open' });
      const [org] = await createOrganizations(t.handle.db, [{ studyId: study.id, name: 'Links org' }]);
      const link = async (config: Partial<AppDeps['config']>, headers: Record<string, string> = {}) => {
        const res = await appWith(config).request(`http://127.0.0.1:3000/api/v1/admin/waves/${wave.id}/organizations/${org.code}/open-link`, {
          method: 'POST', headers: { Authorization: `Bearer ${apiToken}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ enabled: true }),
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { link: string }).link;
      };
      const apiToken = (await createAdminToken(t.handle.db, TEST_SECRET, 'links api')).token;
      expect(await link({ publicUrl: 'https://survey.example.org' })).toMatch(/^https:\/\/survey\.example\.org\/o\/\w+$/);
      expect(await link({ trustProxy: 1 }, { 'X-Forwarded-Proto': 'https' })).toMatch(/^https:\/\/127\.0\.0\.1:3000\/o\//);
      expect(await link({}, { 'X-Forwarded-Proto': 'https' })).toMatch(/^http:\/\/127\.0\.0\.1:3000\/o\//);
    });
  });
}
