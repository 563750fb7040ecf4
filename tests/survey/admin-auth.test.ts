// Every admin route, enumerated from the app itself so new routes are covered, refuses a
// request without a token, with a wrong one and with a revoked one (401 and a clear
// message); sessions end on revocation and need a CSRF token to post. Server-side sessions
// (sign-out, new id at sign-in, expiry, Secure, origin check) are in admin-sessions.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { createAdminToken, revokeAdminToken } from '../../data/repositories/admin-tokens.js';
import { csrfFor, SESSION_COOKIE } from '../../survey/middleware/admin-auth.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

const OPEN = new Set(['/admin/login']);

for (const dialect of DIALECTS) {
  describe(`admin authorization (${dialect})`, () => {
    let t: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let revoked = '';
    let revokedCookie = '';
    let live = '';

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {} });
      const a = await createAdminToken(t.handle.db, TEST_SECRET, 'soon revoked');
      revoked = a.token;
      revokedCookie = await login(a.token);
      await revokeAdminToken(t.handle.db, 'soon revoked');
      live = (await createAdminToken(t.handle.db, TEST_SECRET, 'live')).token;
    });
    afterAll(async () => t.destroy());

    async function login(token: string): Promise<string> {
      const res = await app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
      expect(res.status).toBe(303);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      return cookie.split(';')[0];
    }

    /** Every admin method+path the app serves, with params filled in. */
    function adminRoutes(): { method: string; path: string }[] {
      const seen = new Map<string, { method: string; path: string }>();
      for (const r of app.routes) {
        if (!/^\/(api\/v1\/)?admin(\/|$)/.test(r.path) || r.path.endsWith('*') || r.method === 'ALL' || OPEN.has(r.path)) continue;
        const path = r.path.replace(/:[A-Za-z]+/g, 'x0');
        seen.set(`${r.method} ${path}`, { method: r.method, path });
      }
      return [...seen.values()];
    }

    it('finds the admin routes to walk', () => {
      const routes = adminRoutes();
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.some((r) => r.path.startsWith('/api/v1/admin/'))).toBe(true);
      expect(routes.some((r) => r.path === '/admin')).toBe(true);
    });

    it('answers 401 with a clear message on every admin route without a token, with a wrong one and with a revoked one', async () => {
      for (const { method, path } of adminRoutes()) {
        const api = path.startsWith('/api/');
        const variants: Record<string, Record<string, string>> = api
          ? { none: {}, wrong: { Authorization: 'Bearer rwa_WRONGWRONGWRONG' }, revoked: { Authorization: `Bearer ${revoked}` }, malformed: { Authorization: 'Basic abc' } }
          : { none: {}, wrong: { Cookie: `${SESSION_COOKIE}=forged` }, revoked: { Cookie: revokedCookie } };
        for (const [name, headers] of Object.entries(variants)) {
          const res = await app.request(path, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
          expect(res.status, `${name} ${method} ${path}`).toBe(401);
          const text = await res.text();
          if (api) expect(JSON.parse(text).message, path).toMatch(/admin token/);
          else expect(text, path).toMatch(/Sign in/);
        }
      }
    });

    it('lets a live token through the API and a live session through the pages', async () => {
      const api = await app.request('/api/v1/admin/studies', { headers: { Authorization: `Bearer ${live}` } });
      expect(api.status).toBe(200);
      const page = await app.request('/admin', { headers: { Cookie: await login(live) } });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Create a study/);
      const missing = await app.request('/admin/studies/no-such-study', { headers: { Cookie: await login(live) } });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/text\/html/);
      expect(await missing.text()).toMatch(/No study with id no-such-study/);
    });

    it('refuses a wrong token at sign-in, and a POST without the CSRF token', async () => {
      const bad = await app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: 'rwa_nope' }) });
      expect(bad.status).toBe(401);
      expect(bad.headers.get('set-cookie')).toBeNull();
      const cookie = await login(live);
      const noCsrf = await app.request('/admin/studies', { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ name: 'X' }) });
      expect(noCsrf.status).toBe(401);
      expect(await noCsrf.text()).toMatch(/nothing was changed/);
      const value = cookie.split('=')[1];
      const ok = await app.request('/admin/studies', { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ name: 'X', _csrf: csrfFor(TEST_SECRET, value) }) });
      expect(ok.status).toBe(303);
      const rows = await t.handle.db.selectFrom('studies').select('name').execute();
      expect(rows.map((r) => r.name)).toEqual(['X']);
    });

    it('refuses a sign-in posted from another site (login CSRF), with no session cookie', async () => {
      for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }, { Origin: 'null' }] as Record<string, string>[]) {
        const res = await app.request('http://rootwork.test/admin/login', { method: 'POST', headers, body: new URLSearchParams({ token: live }) });
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.headers.get('set-cookie'), JSON.stringify(headers)).toBeNull();
        expect(await res.text()).toMatch(/did not come from this site/);
      }
      const same = await app.request('http://rootwork.test/admin/login', { method: 'POST', headers: { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://rootwork.test' }, body: new URLSearchParams({ token: live }) });
      expect(same.status).toBe(303);
    });
  });
}
