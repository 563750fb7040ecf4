// Property tests of every input boundary with fast-check, on both dialects: the submission
// API, the admin API's JSON bodies, and the CSV imports (organizations and profiles through
// the admin API, responses through the importer). Every bad input gets a 4xx (or, for the
// importer, an InvalidInputError) whose message says what is wrong — never a 5xx, never a
// partial write: when a request is refused, no table changes.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ANSWERS, submissionBody } from '../kit/payload.js';
import { InvalidInputError } from '../../data/errors.js';
import { importResponsesCsv } from '../../exchange/import/responses-csv.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { COUNT_FIELDS, SELF_FIELDS } from '../../exchange/import/profile-fields.js';
import { VARIABLE_NAMES } from '../../instrument/codebook.js';
import { createApp } from '../../survey/app.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, tempDir, type TestDatabase } from '../helpers/databases.js';
import { badSubmissionBody, hostileCell, hostileCsv, wrongValue } from './helpers/arbitraries.js';
import { seedStudy, type SeededStudy } from './helpers/seed.js';

const RUNS = Number(process.env.ROOTWORK_PROPERTY_RUNS ?? 60);
const TABLES = ['studies', 'waves', 'organizations', 'org_links', 'invites', 'responses', 'org_profiles', 'profile_exits', 'admin_tokens'] as const;

async function snapshot(db: TestDatabase): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const row = await db.handle.db.selectFrom(t).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    parts.push(`${t}=${Number(row.n)}`);
  }
  const used = await db.handle.db.selectFrom('invites').select((eb) => eb.fn.countAll<number | string>().as('n')).where('used', '=', 1).executeTakeFirstOrThrow();
  return `${parts.join(' ')} used=${Number(used.n)}`;
}

async function expectClearRefusal(res: Response, label: string): Promise<void> {
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  const text = await res.text();
  let body: { message?: unknown };
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${label}: ${res.status} answer is not JSON: ${text.slice(0, 200)}`, { cause });
  }
  expect(typeof body.message, `${label}: a message`).toBe('string');
  expect((body.message as string).length, label).toBeGreaterThan(10);
}

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let db: TestDatabase;
  let study: SeededStudy;
  let app: ReturnType<typeof createApp>;
  let auth: Record<string, string>;
  let studyId: string;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    study = await seedStudy(db.handle, { orgs: 4, invites: RUNS * 3 + 10 });
    app = createApp({ db: db.handle.db, writer: db.writer, config: { secret: TEST_SECRET }, log: () => {} });
    auth = { authorization: `Bearer ${(await createAdminToken(db.handle.db, TEST_SECRET, 'properties')).token}` };
    studyId = (await db.handle.db.selectFrom('waves').select('study_id').where('id', '=', study.waveId).executeTakeFirstOrThrow()).study_id;
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('submission API: a valid submission is stored, and every malformed one is refused clearly with nothing stored', async () => {
    const ok = await app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: submissionBody(study.codes[0]) });
    expect(ok.status, await ok.clone().text()).toBe(201);
    let next = 1;
    await fc.assert(fc.asyncProperty(fc.nat().chain(() => badSubmissionBody(study.codes[next])), async ({ body, contentType, label }) => {
      const before = await snapshot(db);
      const res = await app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': contentType }, body });
      if (res.status === 201) {
        // fast-check found a mutation that is still a valid survey (e.g. an optional item dropped): fine, and the code is spent.
        next += 1;
        return;
      }
      await expectClearRefusal(res, label);
      expect(await snapshot(db), label).toBe(before);
    }), { numRuns: RUNS });
    // The codes used in refused bodies are still good: nothing was half-done with them.
    const retry = await app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: submissionBody(study.codes[next]) });
    expect(retry.status).toBe(201);
  });

  it('admin API: random and wrongly typed JSON bodies get a 4xx naming the problem, and change nothing', async () => {
    const targets = [
      '/api/v1/admin/studies',
      `/api/v1/admin/studies/${studyId}/waves`,
      `/api/v1/admin/studies/${studyId}/organizations`,
      `/api/v1/admin/waves/${study.waveId}/k`,
    ];
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.dictionary(fc.constantFrom('name', 'k', 'opens_on', 'closes_on', 'description', 'contact', 'count', 'extra'), wrongValue, { minKeys: 1, maxKeys: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 100 }).map((s) => `{${s}`),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom(...targets), body, async (target, text) => {
      const before = await snapshot(db);
      const res = await app.request(target, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: text });
      expect(res.status, `${target} ${text.slice(0, 80)}`).toBeLessThan(500);
      if (res.status >= 400) {
        await expectClearRefusal(res, `${target} ${text.slice(0, 80)}`);
        expect(await snapshot(db)).toBe(before);
      }
    }), { numRuns: RUNS });
  });

  it('profile form: random and malformed posts save a whole draft or nothing, never a 5xx', async () => {
    const token = await createOrgLink(db.handle.db, TEST_SECRET, study.waveId, study.organizationId, 'profile');
    const path = `/p/${token}`;
    expect((await app.request(path)).status).toBe(200);
    const saved = async () => {
      const profile = await db.handle.db.selectFrom('org_profiles').selectAll().where('organization_id', '=', study.organizationId).execute();
      const exits = await db.handle.db.selectFrom('profile_exits').selectAll().where('organization_id', '=', study.organizationId).orderBy('staff_group').orderBy('tenure_band').execute();
      return JSON.stringify({ profile, exits });
    };
    const fieldNames = ['ed_race', 'ed_poc', 'ed_gender', 'headcount_note', ...COUNT_FIELDS, ...SELF_FIELDS, 'action', 'lang', 'unknown_field'];
    const form = fc.record({
      fields: fc.dictionary(fc.constantFrom(...fieldNames), hostileCell, { maxKeys: 12 }),
      action: fc.constantFrom('draft', 'submit', 'DROP TABLE', ''),
      encoding: fc.constantFrom('urlencoded', 'multipart', 'bytes'),
      bytes: fc.uint8Array({ maxLength: 200 }),
    });
    await fc.assert(fc.asyncProperty(form, async ({ fields, action, encoding, bytes }) => {
      const before = await saved();
      let body: string | FormData | Uint8Array;
      let headers: Record<string, string> = {};
      if (encoding === 'urlencoded') {
        body = new URLSearchParams({ ...fields, action }).toString();
        headers = { 'content-type': 'application/x-www-form-urlencoded' };
      } else if (encoding === 'multipart') {
        const fd = new FormData();
        for (const [k, v] of Object.entries({ ...fields, action })) fd.append(k, v);
        body = fd;
      } else {
        body = bytes;
        headers = { 'content-type': 'application/x-www-form-urlencoded' };
      }
      const res = await app.request(path, { method: 'POST', headers, body });
      const label = `${encoding} ${JSON.stringify(fields).slice(0, 150)}`;
      expect(res.status, label).toBeLessThan(500);
      const html = await res.text();
      if (res.status >= 400) {
        // The form comes back with its problems listed, and nothing was saved.
        expect(html, label).toMatch(/<form/);
        expect(await saved(), label).toBe(before);
      } else {
        expect(res.status, label).toBe(200);
        const row = await db.handle.db.selectFrom('org_profiles').select('status').where('organization_id', '=', study.organizationId).executeTakeFirst();
        expect(row, label).toBeDefined();
      }
    }), { numRuns: RUNS });
  });

  it('organization and profile CSV imports: all rows or none, never a 5xx', async () => {
    const orgColumns = ['name', 'contact', 'size_band', 'region', 'budget_band'];
    const profileColumns = ['org_code', 'ed_poc', 'start_organizer_poc', 'end_organizer_poc', 'hires_organizer_poc', 'sep_organizer_poc', 'senior_total', 'self_org_1'];
    const csv = fc.oneof(
      hostileCsv(orgColumns).map((text) => ({ target: `/api/v1/admin/studies/${studyId}/organizations/import`, body: text as string | Uint8Array })),
      hostileCsv(profileColumns).map((text) => ({ target: `/api/v1/admin/waves/${study.waveId}/profiles/import`, body: text as string | Uint8Array })),
      fc.uint8Array({ minLength: 1, maxLength: 400 }).map((bytes) => ({ target: `/api/v1/admin/studies/${studyId}/organizations/import`, body: bytes as string | Uint8Array })),
      fc.constant({ target: `/api/v1/admin/studies/${studyId}/organizations/import`, body: Buffer.from('name,contact\nCafé Unidos,ana\n', 'latin1') as string | Uint8Array }),
    );
    await fc.assert(fc.asyncProperty(csv, async ({ target, body }) => {
      const before = await snapshot(db);
      const res = await app.request(target, { method: 'POST', headers: { 'content-type': 'text/csv', ...auth }, body });
      const label = `${target}: ${String(typeof body === 'string' ? body : Buffer.from(body).toString('latin1')).slice(0, 120)}`;
      expect(res.status, label).toBeLessThan(500);
      if (res.status >= 400) {
        await expectClearRefusal(res, label);
        expect(await snapshot(db), label).toBe(before);
        return;
      }
      // Accepted: exactly the rows it reports were written.
      const result = (await res.json()) as { imported: number };
      const orgs = (s: string) => Number(/organizations=(\d+)/.exec(s)![1]);
      if (target.endsWith('/organizations/import')) expect(orgs(await snapshot(db)) - orgs(before)).toBe(result.imported);
    }), { numRuns: RUNS });
  });

  it('responses CSV import: a bad file is rejected with InvalidInputError and writes no row', async () => {
    const dir = tempDir('rootwork-import-props-');
    const columns = ['org_code', ...VARIABLE_NAMES.slice(0, 12)];
    let i = 0;
    try {
      await fc.assert(fc.asyncProperty(fc.oneof(hostileCsv(columns), fc.constant(Object.keys(SAMPLE_ANSWERS).join(',') + '\n' + 'x,'.repeat(50))), async (text) => {
        const file = path.join(dir, `in-${i++}.csv`);
        fs.writeFileSync(file, text);
        const before = await snapshot(db);
        try {
          const summary = await importResponsesCsv(db.handle.db, { file, waveId: study.waveId });
          const count = (s: string) => Number(/responses=(\d+)/.exec(s)![1]);
          expect(count(await snapshot(db)) - count(before)).toBe(summary.rows);
        } catch (err) {
          expect(err, `${(err as Error).name}: ${(err as Error).message}`).toBeInstanceOf(InvalidInputError);
          expect((err as Error).message.length).toBeGreaterThan(10);
          expect(await snapshot(db)).toBe(before);
        }
      }), { numRuns: RUNS });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
