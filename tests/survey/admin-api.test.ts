// The admin JSON API end to end on both dialects: studies, waves (dates, k), organizations
// one by one and from CSV, invites as a links CSV, links, participation and profile import.
import fs from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { findInvite } from '../../data/repositories/invites.js';
import { findOrgLink } from '../../data/repositories/links.js';
import { insertResponses } from '../../data/repositories/responses.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { profileCsv } from '../fixtures/admin/profile-csv.js';

// Response bodies in these tests are read as loose JSON and checked field by field.
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

for (const dialect of DIALECTS) {
  describe(`admin API (${dialect})`, () => {
    let t: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let auth: Record<string, string>;
    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> =>
      app.request(`http://rootwork.test/api/v1/admin${path}`, {
        method,
        headers: { ...auth, ...(body !== undefined && typeof body !== 'string' ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }) as Promise<JsonResponse>;
    const csv = (path: string, text: string) => call('POST', path, text, { 'Content-Type': 'text/csv' });

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {} });
      const { token } = await createAdminToken(t.handle.db, TEST_SECRET, 'tester');
      auth = { Authorization: `Bearer ${token}` };
    });
    afterAll(async () => t.destroy());

    let studyId = '';
    let waveId = '';

    it('creates a study and refuses a duplicate name with 409', async () => {
      const res = await call('POST', '/studies', { name: 'Turnover 2026' });
      expect(res.status).toBe(201);
      studyId = (await res.json()).study.id;
      const dup = await call('POST', '/studies', { name: 'Turnover 2026' });
      expect(dup.status).toBe(409);
      expect((await dup.json()).message).toMatch(/already exists/);
    });

    it('refuses a NUL character in a name or description with a 422 naming the field', async () => {
      const res = await call('POST', '/studies', { name: 'Turn\u0000over', description: 'ok' });
      expect(res.status).toBe(422);
      expect((await res.json()).issues).toEqual([{ path: 'name', message: expect.stringContaining('NUL') }]);
      const wave = await call('POST', `/studies/${studyId}/waves`, { name: 'W\u0000' });
      expect(wave.status).toBe(422);
      const studies = await (await call('GET', '/studies')).json();
      expect(studies.studies.map((s: { name: string }) => s.name)).toEqual(['Turnover 2026']);
    });

    it('rejects invalid dates, a wave closing before it opens, k below 3 and non-JSON bodies', async () => {
      const bad = await call('POST', `/studies/${studyId}/waves`, { name: 'W', opens_on: '2026-02-30' });
      expect(bad.status).toBe(422);
      expect((await bad.json()).issues[0].path).toBe('opens_on');
      const backwards = await call('POST', `/studies/${studyId}/waves`, { name: 'W', opens_on: '2026-10-01', closes_on: '2026-09-01' });
      expect(backwards.status).toBe(422);
      expect((await backwards.json()).message).toMatch(/closes \(2026-09-01\) before it opens/);
      const lowK = await call('POST', `/studies/${studyId}/waves`, { name: 'W', k: 2 });
      expect(lowK.status).toBe(422);
      const form = await call('POST', `/studies/${studyId}/waves`, 'name=W', { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      const malformed = await call('POST', `/studies/${studyId}/waves`, '{"name":', { 'Content-Type': 'application/json' });
      expect(malformed.status).toBe(400);
      const malformedBody = await malformed.json();
      expect(malformedBody.error).toBe('invalid_json');
      expect(malformedBody.message).toMatch(/^The request body is not valid JSON: .+/);
      const waves = await (await call('GET', `/studies/${studyId}/waves`)).json();
      expect(waves.waves).toHaveLength(0);
    });

    it('opens a wave with k fixed, refuses to lower k, raises it, and closes it no earlier than it opened', async () => {
      const created = await call('POST', `/studies/${studyId}/waves`, { name: 'Fall 2026' });
      waveId = (await created.json()).wave.id;
      const opened = await call('POST', `/waves/${waveId}/open`, { opens_on: '2026-09-01', k: 6 });
      expect(opened.status).toBe(200);
      expect((await opened.json()).wave).toMatchObject({ status: 'open', k: 6, opens_on: '2026-09-01' });
      expect((await call('POST', `/waves/${waveId}/open`, {})).status).toBe(409);
      const lower = await call('POST', `/waves/${waveId}/k`, { k: 5 });
      expect(lower.status).toBe(422);
      expect((await lower.json()).message).toMatch(/never lowered/);
      expect((await (await call('POST', `/waves/${waveId}/k`, { k: 7 })).json()).wave.k).toBe(7);
      const early = await call('POST', `/waves/${waveId}/close`, { closes_on: '2026-08-31' });
      expect(early.status).toBe(422);
      expect((await call('GET', `/waves/${waveId}`)).status).toBe(200);
      expect((await (await call('GET', `/waves/${waveId}`)).json()).wave.status).toBe('open');
    });

    it('adds organizations one by one and from CSV (BOM, semicolons, quoted newline, CRLF) with pseudonymous codes', async () => {
      const one = await call('POST', `/studies/${studyId}/organizations`, { name: 'Harbor Organizing Project', size_band: '10-24' });
      expect(one.status).toBe(201);
      expect((await one.json()).organization.code).toMatch(/^ORG-[0-9A-Z]{6}$/);
      const dupe = await call('POST', `/studies/${studyId}/organizations`, { name: 'harbor organizing project' });
      expect(dupe.status).toBe(409);
      const semi = await csv(`/studies/${studyId}/organizations/import`, fs.readFileSync('tests/fixtures/admin/organizations-semicolon-bom.csv', 'utf8'));
      expect(semi.status).toBe(201);
      const body = await semi.json();
      expect(body.imported).toBe(2);
      expect(body.organizations.map((o: { name: string }) => o.name)).toEqual(['Riverside Tenants Union', 'Northside\nWorkers Center']);
      expect(body.organizations[0].contact).toBe('Ana, director');
      const crlf = await csv(`/studies/${studyId}/organizations/import`, fs.readFileSync('tests/fixtures/admin/organizations-crlf.csv', 'utf8'));
      expect(crlf.status).toBe(201);
      const list = await (await call('GET', `/studies/${studyId}/organizations`)).json();
      expect(list.organizations).toHaveLength(5);
    });

    it('imports no organization from a CSV with any bad row, naming row, column and problem', async () => {
      const cases: [string, RegExp][] = [
        ['name,contact\nNew Org,a\nRiverside Tenants Union,b\n', /row 3, column name: the study already has an organization named "Riverside Tenants Union"/],
        ['name,contact\nSame,a\nsame,b\n', /row 3, column name: "same" is already on row 2/],
        ['contact,region\na,b\n', /missing column\(s\) name/],
        ['name|contact\nA|b\n', /missing column\(s\) name.*delimiter/],
        ['name,contact\nA,"unterminated\n', /never closed/],
        ['name,contact\nA,b,c\n', /row 2: 3 value\(s\) where the header has 2/],
        ['name,colour\nA,b\n', /row 1, column colour: unknown column/],
        ['name\n\n', /no organizations below the header/],
      ];
      for (const [text, message] of cases) {
        const res = await csv(`/studies/${studyId}/organizations/import`, text);
        expect(res.status, text).toBe(422);
        expect((await res.json()).message, text).toMatch(message);
      }
      const wrongType = await call('POST', `/studies/${studyId}/organizations/import`, 'name\nA\n', { 'Content-Type': 'application/octet-stream' });
      expect(wrongType.status).toBe(422);
      const list = await (await call('GET', `/studies/${studyId}/organizations`)).json();
      expect(list.organizations).toHaveLength(5);
    });

    it('issues invites as a CSV of survey links shown once, revoking unused codes on request', async () => {
      const orgs = (await (await call('GET', `/studies/${studyId}/organizations`)).json()).organizations;
      const code = orgs[0].code;
      const res = await call('POST', `/waves/${waveId}/organizations/${code}/invites`, { count: 3 });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      const rows = Papa.parse<Record<string, string>>((await res.text()).trim(), { header: true }).data;
      expect(rows).toHaveLength(3);
      expect(rows[0].survey_link).toBe(`http://rootwork.test/s/${rows[0].invite_code}`);
      expect((await findInvite(t.handle.db, TEST_SECRET, rows[0].invite_code)).status).toBe('valid');
      const again = await call('POST', `/waves/${waveId}/organizations/${code}/invites`, { count: 2, revoke_unused: true });
      expect(again.headers.get('x-rootwork-revoked')).toBe('3');
      expect((await findInvite(t.handle.db, TEST_SECRET, rows[0].invite_code)).status).toBe('revoked');
      expect((await call('POST', `/waves/${waveId}/organizations/ORG-NOSUCH/invites`, { count: 1 })).status).toBe(404);
      expect((await call('POST', `/waves/${waveId}/organizations/${code}/invites`, { count: 0 })).status).toBe(422);
    });

    it('enables and disables an open link and creates a profile link that resolves to the organization', async () => {
      const orgs = (await (await call('GET', `/studies/${studyId}/organizations`)).json()).organizations;
      const open = await (await call('POST', `/waves/${waveId}/organizations/${orgs[1].code}/open-link`, { enabled: true })).json();
      const openToken = open.link.split('/o/')[1];
      expect((await findOrgLink(t.handle.db, TEST_SECRET, openToken, 'open'))?.organization_id).toBe(orgs[1].id);
      await call('POST', `/waves/${waveId}/organizations/${orgs[1].code}/open-link`, { enabled: false });
      expect(await findOrgLink(t.handle.db, TEST_SECRET, openToken, 'open')).toBeUndefined();
      const profile = await (await call('POST', `/waves/${waveId}/organizations/${orgs[1].code}/profile-link`)).json();
      expect(profile.link).toMatch(/^http:\/\/rootwork\.test\/p\/[0-9A-Z]{24}$/);
    });

    it('imports profiles all or none and reports participation without any respondent detail', async () => {
      const orgs = (await (await call('GET', `/studies/${studyId}/organizations`)).json()).organizations;
      const bad = await csv(`/waves/${waveId}/profiles/import`, profileCsv([orgs[0].code, 'ORG-NOSUCH'], { sepOver: orgs[0].code }));
      expect(bad.status).toBe(422);
      const report = await bad.json();
      expect(report.issues).toEqual(expect.arrayContaining([
        expect.objectContaining({ path: 'row 3, column org_code' }),
        expect.objectContaining({ path: 'row 2, column sep_organizer_poc', message: expect.stringMatching(/cannot exceed the start headcount plus hires/) }),
      ]));
      const good = await csv(`/waves/${waveId}/profiles/import`, profileCsv([orgs[0].code, orgs[1].code]));
      expect(await good.json()).toEqual({ imported: 2, replaced: 0 });
      const wave = (await (await call('GET', `/waves/${waveId}`)).json()).wave;
      await insertResponses(t.handle.db, Array.from({ length: 4 }, (_, i) => ({
        id: `r${i}-${dialect}`, wave_id: wave.id, organization_id: orgs[0].id, received_on: '2026-09-02', instrument_version: 't', lang: 'en' as const, source: 'api' as const, role: 'organizer' as const,
      })));
      const p = await (await call('GET', `/waves/${waveId}/participation`)).json();
      const first = p.organizations.find((o: { code: string }) => o.code === orgs[0].code);
      // profileCsv gives every group a start headcount of 2 (12 in all).
      expect(first).toMatchObject({ responses: 4, headcount: 12, response_rate: 33, profile: 'submitted', invites_issued: 5, invites_used: 0, invites_revoked: 3, reaches_k: false });
      // Issue #19 added the headcount bound in force and the over-headcount flag.
      expect(first).toMatchObject({ headcount_cap: null, headcount_limit: 12, headcount_source: 'profile', over_headcount: false });
      expect(Object.keys(first).sort()).toEqual(['code', 'headcount', 'headcount_cap', 'headcount_limit', 'headcount_source', 'invites_issued', 'invites_revoked', 'invites_used', 'name', 'open_link', 'over_headcount', 'profile', 'reaches_k', 'response_rate', 'responses']);
      expect(JSON.stringify(p)).not.toMatch(/received_on|role|organizer"/);
      expect(p.totals).toMatchObject({ responses: 4, organizations: 5, profiles_submitted: 2 });
    });

    it('describes every admin path in the OpenAPI document', async () => {
      const doc = await ((await app.request('/api/v1/openapi.json')) as JsonResponse).json();
      for (const path of ['/admin/studies', '/admin/waves/{waveId}/open', '/admin/waves/{waveId}/organizations/{code}/invites', '/admin/waves/{waveId}/profiles/import']) {
        expect(doc.paths[path], path).toBeDefined();
      }
      expect(doc.components.schemas.WaveCreate.properties.opens_on).toBeDefined();
      // Every admin route the app serves is documented, under its method.
      const served = app.routes.filter((r) => r.path.startsWith('/api/v1/admin/') && !r.path.endsWith('*') && r.method !== 'ALL');
      expect(served.length).toBeGreaterThan(15);
      for (const r of served) {
        const documented = r.path.replace('/api/v1', '').replace(/:([A-Za-z]+)/g, '{$1}');
        expect(doc.paths[documented]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
      }
    });
  });
}
