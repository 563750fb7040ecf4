// Security checks through the real Hono app on both dialects: every admin API route refuses
// missing, wrong and revoked tokens without side effects; every page and error carries the
// security headers; cross-site form posts are refused; invite-code guessing is rate-limited;
// no token, code, address or user agent reaches the database or the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken, revokeAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { createApp } from '../../survey/app.js';
import { submissionBody } from '../kit/payload.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { findInTables } from './helpers/scan.js';
import { seedStudy, type SeededStudy } from './helpers/seed.js';

const TABLES = ['studies', 'waves', 'organizations', 'org_links', 'invites', 'responses', 'org_profiles', 'profile_exits', 'admin_tokens'] as const;

interface Operation {
  method: string;
  path: string;
}

/** Every admin operation the OpenAPI document describes, with path parameters filled in. */
function adminOperations(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    if (!template.startsWith('/admin')) continue;
    for (const method of Object.keys(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({ method: method.toUpperCase(), path: '/api/v1' + template.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000') });
    }
  }
  return ops;
}

async function tableCounts(db: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    const row = await db.handle.db.selectFrom(t).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    counts[t] = Number(row.n);
  }
  return counts;
}

const REQUIRED_HEADERS: Record<string, RegExp> = {
  'content-security-policy': /default-src 'self'.*script-src 'self'(?!.*unsafe-inline).*frame-ancestors 'none'/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^no-referrer$/,
  'x-frame-options': /^DENY$/,
};

describe.each(DIALECTS)('security on %s', (dialect) => {
  let db: TestDatabase;
  let study: SeededStudy;
  const logs: string[] = [];
  let app: ReturnType<typeof createApp>;
  let goodToken: string;
  let revokedToken: string;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    study = await seedStudy(db.handle, { orgs: 4, invites: 20 });
    app = createApp({ db: db.handle.db, writer: db.writer, config: { secret: TEST_SECRET }, log: (line) => logs.push(line) });
    goodToken = (await createAdminToken(db.handle.db, TEST_SECRET, 'evidence-good')).token;
    revokedToken = (await createAdminToken(db.handle.db, TEST_SECRET, 'evidence-revoked')).token;
    await revokeAdminToken(db.handle.db, 'evidence-revoked');
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('every admin API route refuses a missing, wrong or revoked token with 401, and changes nothing', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const ops = adminOperations(doc);
    expect(ops.length).toBeGreaterThanOrEqual(10);
    const before = await tableCounts(db);
    const variants: [string, Record<string, string>][] = [
      ['missing', {}],
      ['wrong', { authorization: `Bearer ${'A'.repeat(goodToken.length)}` }],
      ['malformed', { authorization: 'Basic dXNlcjpwYXNz' }],
      ['revoked', { authorization: `Bearer ${revokedToken}` }],
    ];
    for (const op of ops) {
      for (const [label, headers] of variants) {
        const res = await app.request(op.path, { method: op.method, headers: { 'content-type': 'application/json', ...headers }, body: op.method === 'GET' ? undefined : '{"name":"x"}' });
        expect(res.status, `${op.method} ${op.path} with a ${label} token`).toBe(401);
        const body = (await res.json()) as { message?: string };
        expect(body.message, `${op.method} ${op.path}: a message saying what to do`).toMatch(/token/i);
      }
      // The same request with a good token gets past authentication (whatever it then says).
      const ok = await app.request(op.path, { method: op.method, headers: { 'content-type': 'application/json', authorization: `Bearer ${goodToken}` }, body: op.method === 'GET' ? undefined : '{}' });
      expect(ok.status, `${op.method} ${op.path} with a good token`).not.toBe(401);
      expect(ok.status).toBeLessThan(500);
    }
    // Only the good token's requests could have changed anything, and with ids that do not exist.
    expect(await tableCounts(db)).toEqual(before);
  });

  it('security headers are on every page, API answer, asset and error', async () => {
    const paths = [
      '/', '/healthz', '/api/v1/openapi.json', '/assets/rootwork.css', '/no/such/page',
      `/s/${study.codes[0]}`, '/s/NOT-A-CODE', '/o/NOT-A-TOKEN', '/p/NOT-A-TOKEN', '/admin', '/admin/login',
      '/api/v1/admin/studies',
    ];
    for (const path of paths) {
      const res = await app.request(path, { headers: { 'accept-language': 'en' } });
      expect(res.status, path).toBeLessThan(500);
      for (const [name, pattern] of Object.entries(REQUIRED_HEADERS)) {
        expect(res.headers.get(name), `${name} on ${path}`).toMatch(pattern);
      }
    }
    const post = await app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);
    for (const [name, pattern] of Object.entries(REQUIRED_HEADERS)) expect(post.headers.get(name), name).toMatch(pattern);
  });

  it('refuses a cross-site survey form post (CSRF) and stores nothing', async () => {
    const before = await tableCounts(db);
    const path = `/s/${study.codes[1]}`;
    // The form exists (so the refusal below is the CSRF check, not a missing route).
    expect((await app.request(path, { headers: { 'accept-language': 'en' } })).status).toBe(200);
    const forged: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, { origin: 'https://evil.example' }];
    for (const headers of forged) {
      const res = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'role=organizer&_csrf=forged',
      });
      expect([400, 403], `${JSON.stringify(headers)}: ${res.status}`).toContain(res.status);
    }
    expect(await tableCounts(db)).toEqual(before);
  });

  it('refuses a cross-site post to the profile form (CSRF) and saves nothing', async () => {
    const token = await createOrgLink(db.handle.db, TEST_SECRET, study.waveId, study.organizationId, 'profile');
    const before = await tableCounts(db);
    const res = await app.request(`/p/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      body: 'ed_race=white&action=draft',
    });
    expect([400, 403], `cross-site profile post: ${res.status}`).toContain(res.status);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('refuses an admin form post without the session\'s CSRF token, even with a valid session', async () => {
    const login = await app.request('/admin/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: `token=${encodeURIComponent(goodToken)}` });
    expect(login.status).toBe(303);
    const cookie = /rw_admin=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeDefined();
    const before = await tableCounts(db);
    for (const csrf of ['', 'forged', 'a'.repeat(64)]) {
      const res = await app.request('/admin/studies', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie! },
        body: `name=Forged+study&_csrf=${csrf}`,
      });
      expect([400, 401, 403], `csrf "${csrf.slice(0, 8)}": ${res.status}`).toContain(res.status);
    }
    expect(await tableCounts(db)).toEqual(before);
  });

  it('refuses a cross-site post to the admin sign-in form (login CSRF)', async () => {
    const res = await app.request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      body: `token=${encodeURIComponent(goodToken)}`,
    });
    expect(res.headers.get('set-cookie') ?? '', 'a session cookie for a cross-site sign-in').not.toMatch(/rw_admin=[^;]/);
    expect([400, 401, 403]).toContain(res.status);
  });

  it('rate-limits invite-code guessing, and the block holds even for a real code', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: submissionBody(`GUESS${String(i).padStart(7, '0')}`) });
      statuses.push(res.status);
      if (res.status === 429) {
        const body = (await res.json()) as { message?: string };
        expect(body.message).toMatch(/try again|later|too many/i);
      }
    }
    expect(statuses.every((s) => s >= 400 && s < 500), statuses.join(',')).toBe(true);
    const firstBlock = statuses.indexOf(429);
    expect(firstBlock, `no 429 in ${statuses.join(',')}`).toBeGreaterThan(0);
    expect(firstBlock).toBeLessThanOrEqual(20);
    expect(statuses.slice(firstBlock).every((s) => s === 429)).toBe(true);
    // A guesser who hits a real code while blocked learns nothing and stores nothing.
    const before = await tableCounts(db);
    const real = await app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: submissionBody(study.codes[2]) });
    expect(real.status).toBe(429);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('keeps no token, code, address or user agent in the database or the log', async () => {
    const needles = [goodToken, revokedToken, ...study.codes, '127.0.0.1', 'EvidenceUA/1.0'];
    await app.request('/api/v1/admin/studies', { headers: { authorization: `Bearer ${goodToken}`, 'user-agent': 'EvidenceUA/1.0', 'x-forwarded-for': '127.0.0.1' } });
    await app.request(`/s/${study.codes[3]}`, { headers: { 'user-agent': 'EvidenceUA/1.0', 'x-forwarded-for': '127.0.0.1' } });
    expect(await findInTables(db.handle, needles)).toEqual([]);
    const text = logs.join('\n');
    for (const n of needles) expect(text.includes(n), `log holds ${n.slice(0, 6)}…`).toBe(false);
  });
});
