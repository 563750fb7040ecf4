// Export a wave, import respondents.csv into a fresh database, run the pipeline: the
// estimates match the original run's apart from what k-anonymity changed. The oracle for
// "what k-anonymity changed" is a third database holding the original responses with
// exactly the documented release transformations applied (organizations under k left
// out, quasi-identifiers banded or suppressed, free text scrubbed and neutralised).
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, NewResponse } from '../../../data/database.js';
import { QUASI_IDENTIFIERS } from '../../../exchange/import/bands.js';
import { importResponsesCsv } from '../../../exchange/import/responses-csv.js';
import { insertResponses } from '../../../data/repositories/responses.js';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import type { Estimate, Results } from '../../../pipeline/results.js';
import { runPipeline } from '../../../pipeline/run.js';
import { writeExports } from '../../../exchange/export/index.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../../helpers/databases.js';
import { readCsv } from './table-schema.js';

const K = 5;
const ADVERSARIAL = [
  'She said "no", then left',
  'commas, everywhere, here',
  'two\nlines',
  'windows\r\nlines',
  '=SUM(A1:A9)',
  '+1 more thing',
  '-minus first',
  '@mention first',
  '\ttab first',
  'emoji 😀🏳️‍🌈 ok',
  'مرحبا بالعالم',
  'עברית with English',
  'contact me: j.doe@example.org',
];
// What the documented release does to each: formulas get a leading quote, emails become [email].
const RELEASED = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace('j.doe@example.org', '[email]');

async function copyStudy(from: Kysely<Database>, to: Kysely<Database>): Promise<void> {
  for (const table of ['studies', 'waves', 'organizations', 'org_profiles', 'profile_exits'] as const) {
    const rows = await from.selectFrom(table).selectAll().execute();
    for (let i = 0; i < rows.length; i += 200) await to.insertInto(table).values(rows.slice(i, i + 200) as never).execute();
  }
}

const run = async (db: Kysely<Database>, waveId: string) => (await runPipeline({ waveId, outDir: tempDir('rootwork-rt-') }, { db, log: () => {} })).results;
const allEstimates = (r: Results) => new Map([...r.measurement, ...r.confirmatory, ...r.exploratory].map((e) => [e.id, e]));

function expectSameEstimate(a: Estimate, b: Estimate): void {
  expect([b.id, b.n, b.n_orgs, b.suppressed]).toEqual([a.id, a.n, a.n_orgs, a.suppressed]);
  for (const key of ['estimate', 'ci_low', 'ci_high', 'p'] as const) {
    if (a[key] === null) expect(b[key]).toBeNull();
    // Rows arrive in another order (new random ids): sums may differ in the last bits.
    else expect(b[key]).toBeCloseTo(a[key]!, 9);
  }
}

describe('round trip: export → import into a fresh database → pipeline', () => {
  let original: TestDatabase;
  let oracle: TestDatabase;
  let waveId: string;
  let out: string;
  let originalResults: Results;
  let oracleResults: Results;
  let commentOrg: string;

  beforeAll(async () => {
    original = await createTestDatabase('sqlite');
    const s = await writeSyntheticStudy(original.handle.db, { orgs: 14, staffMin: 3, staffMax: 34, seed: 21, k: K });
    waveId = s.waveId;
    const db = original.handle.db;
    const big = await db.selectFrom('responses').select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')]).where('wave_id', '=', waveId).groupBy('organization_id').having((eb) => eb.fn.countAll(), '>=', ADVERSARIAL.length).orderBy('organization_id').executeTakeFirstOrThrow();
    commentOrg = big.organization_id;
    const ids = await db.selectFrom('responses').select('id').where('organization_id', '=', commentOrg).orderBy('id').execute();
    for (const [i, c] of ADVERSARIAL.entries()) await db.updateTable('responses').set({ comment: c }).where('id', '=', ids[i].id).execute();

    originalResults = await run(db, waveId);
    out = tempDir('rootwork-rt-export-');
    await writeExports(db, { waveId, outDir: out, results: originalResults, includeComments: true });

    // The oracle: original rows in export order, transformed as documented.
    const released = readCsv(path.join(out, 'respondents.csv'));
    const counts = new Map<string, number>();
    for (const r of released) counts.set(r.org_code, (counts.get(r.org_code) ?? 0) + 1);
    const source = await db.selectFrom('responses').innerJoin('organizations', 'organizations.id', 'responses.organization_id')
      .selectAll('responses').select('organizations.code as org_code').where('wave_id', '=', waveId).orderBy('organizations.code').orderBy('responses.id').execute();
    const kept = source.filter((r) => counts.has(r.org_code));
    expect(kept).toHaveLength(released.length);
    const rows: NewResponse[] = kept.map((r, i) => {
      const e = released[i];
      expect(e.org_code).toBe(r.org_code);
      const { org_code: _code, ...row } = r;
      const t: Record<string, unknown> = { ...row, source: 'import', instrument_version: 'import', lang: 'en', race_self: null, gender_self: null };
      for (const q of QUASI_IDENTIFIERS) for (const f of q.from) t[f] = null;
      for (const q of QUASI_IDENTIFIERS) if (e[q.name] !== '') Object.assign(t, q.restore(e[q.name]));
      // fte is a quasi-identifier released as answered (blank when suppressed); comments go to comments.csv, not the rows.
      t.fte = e.fte === '' ? null : e.fte;
      t.comment = null;
      return t as unknown as NewResponse;
    });
    oracle = await createTestDatabase('sqlite');
    await copyStudy(db, oracle.handle.db);
    await insertResponses(oracle.handle.db, rows);
    oracleResults = await run(oracle.handle.db, waveId);
  });
  afterAll(async () => {
    await original?.destroy();
    await oracle?.destroy();
  });

  for (const dialect of DIALECTS) {
    describe(`into ${dialect}`, () => {
      let fresh: TestDatabase;
      let results: Results;
      beforeAll(async () => {
        fresh = await createTestDatabase(dialect);
        await copyStudy(original.handle.db, fresh.handle.db);
        await importResponsesCsv(fresh.handle.db, { file: path.join(out, 'respondents.csv'), waveId });
        results = await run(fresh.handle.db, waveId);
      });
      afterAll(async () => fresh?.destroy());

      it('gives exactly the estimates of the original data with the documented release transformations applied', () => {
        const expected = allEstimates(oracleResults);
        const got = allEstimates(results);
        expect([...expected.values()].filter((e) => e.estimate !== null).length).toBeGreaterThan(10);
        expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [id, e] of expected) expectSameEstimate(e, got.get(id)!);
        expect(results.organizations.map((o) => [o.code, o.respondents, o.orientation_type])).toEqual(oracleResults.organizations.map((o) => [o.code, o.respondents, o.orientation_type]));
      });

      it('matches the original run wherever k-anonymity changed nothing: organization orientation and H4', () => {
        const before = new Map(originalResults.organizations.filter((o) => o.reportable).map((o) => [o.code, o]));
        const after = results.organizations.filter((o) => o.reportable);
        expect(after.map((o) => o.code).sort()).toEqual([...before.keys()].sort());
        for (const o of after) {
          const b = before.get(o.code)!;
          expect(o.respondents).toBe(b.respondents);
          expect(o.orientation_index).toBeCloseTo(b.orientation_index!, 9);
          expect(o.orientation_type).toBe(b.orientation_type);
          expect(o.poc_led).toBe(b.poc_led);
        }
        expect(allEstimates(originalResults).get('H4.orientation_diff')!.estimate).not.toBeNull();
        expectSameEstimate(allEstimates(originalResults).get('H4.orientation_diff')!, allEstimates(results).get('H4.orientation_diff')!);
        // Where suppression blanked role or race, fewer organizers of color can be identified, never more.
        const h1Before = allEstimates(originalResults).get('H1.sat_diff')!;
        const h1After = allEstimates(results).get('H1.sat_diff')!;
        if (h1Before.n !== null && h1After.n !== null) expect(h1After.n).toBeLessThanOrEqual(h1Before.n);
      });

      it('keeps adversarial free text unchanged, or neutralised and scrubbed as documented (comments.csv, apart from the rows)', async () => {
        const imported = await fresh.handle.db.selectFrom('responses').select('comment').where('wave_id', '=', waveId).where('comment', 'is not', null).execute();
        expect(imported).toEqual([]);
        const got = readCsv(path.join(out, 'comments.csv')).map((c) => c.comment);
        for (const s of ADVERSARIAL) expect(got).toContain(RELEASED(s));
        for (const g of got) expect(g).not.toContain('@example.org');
      });
    });
  }
});
