// The analysis extracts: (1) where the release withholds nothing of the models' people, an
// analyst fitting H1, H3 and H5 from extract-h1-h3.csv and extract-h5.csv with the product's
// own CR2 code gets results.json's estimate, CI, p and df to 1e-9; (2) on a study with heavy
// suppression, the linkage attack — recompute every scale score from respondents.csv's items
// and join the extracts on organization and scores — finds the rows and recovers nothing
// respondents.csv withheld, while the same attack on a naive extract (suppressed over its own
// few quasi-identifiers only) does; (3) each extract is k-anonymous over its own quasi-identifiers.
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../data/database.js';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { writeExports } from '../../../exchange/export/index.js';
import { derivePoc, SCALES } from '../../../instrument/codebook.js';
import type { Estimate, Results } from '../../../pipeline/results.js';
import { runPipeline } from '../../../pipeline/run.js';
import { scoreResponse } from '../../../pipeline/score.js';
import { olsClusteredColumns } from '../../../pipeline/stats/index.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../../helpers/databases.js';
import { readCsv } from './table-schema.js';

const K = 5;
const QIS = ['role_group', 'race_group', 'gender_group', 'age_group', 'tenure_group', 'fte'];
const num = (s: string) => (s === '' ? null : Number(s));
const run = async (db: Kysely<Database>, waveId: string) => (await runPipeline({ waveId, outDir: tempDir('rootwork-ex-') }, { db, log: () => {} })).results;
const estimate = (r: Results, id: string) => r.confirmatory.find((e) => e.id === id)!;

function fit(rows: Record<string, string>[], y: string, xs: ((r: Record<string, string>) => number)[], j: number) {
  const used = rows.filter((r) => r[y] !== '');
  const f = olsClusteredColumns(Float64Array.from(used, (r) => Number(r[y])), xs.map((x) => Float64Array.from(used, x)), used.map((r) => r.org_code));
  return { n: used.length, orgs: new Set(used.map((r) => r.org_code)).size, c: f.cr2[j]! };
}

function expectReproduces(e: Estimate, got: ReturnType<typeof fit>): void {
  expect(e.suppressed).toBe(false);
  expect([got.n, got.orgs]).toEqual([e.n, e.n_orgs]);
  for (const [mine, theirs] of [[got.c.estimate, e.estimate], [got.c.ciLow, e.ci_low], [got.c.ciHigh, e.ci_high], [got.c.p, e.p], [got.c.df, e.details!.df], [got.c.se, e.details!.se_cr2]] as const) {
    expect(Math.abs((mine as number) - (theirs as number))).toBeLessThan(1e-9);
  }
}

describe('analysis extracts reproduce H1, H3 and H5 when the release withholds none of their people', () => {
  let t: TestDatabase;
  let results: Results;
  let out: string;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const db = t.handle.db;
    const s = await writeSyntheticStudy(db, { orgs: 12, staffMin: 24, staffMax: 34, seed: 31, k: K });
    // Every organization: four cells (organizer or program × poc or white) of at least k
    // staff, alike in gender, age and fte, one tenure per cell; orientation planted by org.
    const orgs = await db.selectFrom('organizations').select('id').orderBy('id').execute();
    const practice = [[4, 2], [2, 4], [5, 3], [3, 5], [5, 4], [3, 4]];
    for (const [g, o] of orgs.entries()) {
      const ids = await db.selectFrom('responses').select('id').where('organization_id', '=', o.id).orderBy('id').execute();
      const [a, b] = practice[g % practice.length];
      for (const [i, r] of ids.entries()) {
        const cell = i % 4;
        const poc = cell % 2 === 0;
        await db.updateTable('responses').set({
          role: cell < 2 ? 'organizer' : 'program', race_black: poc ? 1 : 0, race_latine: 0, race_asian: 0, race_indigenous: 0, race_pacific: 0, race_mena: 0,
          race_white: poc ? 0 : 1, race_self: null, race_decline: 0, gender: 'woman', gender_self: null, age_band: '35_44', fte: 'full', tenure_years: 1 + ((g * 3 + cell * 5) % 12),
          org_1: a, org_2: a, org_3: a, org_4: a, mob_1: b, mob_2: b, mob_3: b, mob_4: b,
        }).where('id', '=', r.id).execute();
      }
    }
    results = await run(db, s.waveId);
    out = tempDir('rootwork-extracts-');
    await writeExports(db, { waveId: s.waveId, outDir: out, results });
  }, 60_000);
  afterAll(async () => t?.destroy());

  it('fits H1 and H3 from extract-h1-h3.csv and H5 from extract-h5.csv, equal to results.json to 1e-9', () => {
    const h13 = readCsv(path.join(out, 'extract-h1-h3.csv')).filter((r) => r.poc === '1');
    const one = () => 1;
    const organizing = (r: Record<string, string>) => Number(r.organizing);
    expect(new Set(h13.map((r) => r.organizing))).toEqual(new Set(['0', '1']));
    expectReproduces(estimate(results, 'H1.sat_diff'), fit(h13, 'satisfaction_score', [one, organizing], 1));
    expectReproduces(estimate(results, 'H3.itl_diff'), fit(h13, 'intent_to_leave_score', [one, organizing], 1));

    const h5 = readCsv(path.join(out, 'extract-h5.csv')).filter((r) => r.tenure_years !== '');
    expect(h5.length).toBe(readCsv(path.join(out, 'extract-h5.csv')).length);
    const idx = (r: Record<string, string>) => Number(r.org_orientation_index);
    const poc = (r: Record<string, string>) => Number(r.poc);
    expectReproduces(estimate(results, 'H5.sat_interaction'), fit(h5, 'satisfaction_score', [one, idx, poc, (r) => idx(r) * poc(r), (r) => Number(r.tenure_years)], 3));
  });
});

/** Scale scores recomputed from respondents.csv's item columns, as an analyst would. */
function recomputedScores(row: Record<string, string>): Record<string, number | null> {
  const items: Record<string, number | null> = {};
  for (const s of SCALES) for (const i of s.items) items[i] = num(row[i] ?? '');
  return scoreResponse(items).scores;
}

const close = (a: number | null, b: string) => (a === null ? b === '' : b !== '' && Math.abs(a - Number(b)) < 1e-9);

describe('analysis extracts under heavy suppression: the linkage attack', () => {
  let t: TestDatabase;
  let out: string;
  let respondents: Record<string, string>[];

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const s = await writeSyntheticStudy(t.handle.db, { orgs: 30, staffMin: 5, staffMax: 30, seed: 7, k: K });
    const results = await run(t.handle.db, s.waveId);
    out = tempDir('rootwork-extracts-attack-');
    await writeExports(t.handle.db, { waveId: s.waveId, outDir: out, results });
    respondents = readCsv(path.join(out, 'respondents.csv')).map((r) => ({ ...r, ...Object.fromEntries(Object.entries(recomputedScores(r)).map(([k, v]) => [`re_${k}`, v === null ? '' : String(v)])) }));
  }, 60_000);
  afterAll(async () => t?.destroy());

  const candidates = (e: Record<string, string>, scores: string[]) =>
    respondents.filter((r) => r.wave === e.wave && r.org_code === e.org_code && scores.every((s) => close(num(r[`re_${s}`]), e[s])));

  /** Extract rows (grouped by organization, scores and poc) that released respondents.csv rows cannot account for. */
  function forcedOntoWithheld(rows: Record<string, string>[], scores: string[]): string[] {
    const groups = new Map<string, Record<string, string>[]>();
    for (const e of rows) {
      const key = [e.wave, e.org_code, e.poc, ...scores.map((s) => e[s])].join('|');
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    const forced: string[] = [];
    for (const [key, members] of groups) {
      const e = members[0];
      const shown = candidates(e, scores).filter((r) => r.role_group === 'organizer' && r.race_group === (e.poc === '1' ? 'poc' : 'white')).length;
      if (members.length > shown) forced.push(key);
    }
    return forced;
  }

  it('joins every extract row to its respondents.csv row and learns no role, race or tenure band that respondents.csv withheld', () => {
    const h13 = readCsv(path.join(out, 'extract-h1-h3.csv'));
    const h5 = readCsv(path.join(out, 'extract-h5.csv'));
    expect(h13.length).toBeGreaterThan(0);
    expect(h5.length).toBeGreaterThan(0);
    let unique = 0;
    for (const [rows, scores] of [[h13, ['satisfaction_score', 'intent_to_leave_score']], [h5, ['satisfaction_score']]] as const) {
      for (const e of rows) {
        const c = candidates(e, [...scores]);
        // The attack is real: each extract row finds its respondents.csv row (often alone)...
        expect(c.length).toBeGreaterThan(0);
        if (c.length === 1) unique += 1;
      }
      // ...and it forces nothing onto a row whose role or race respondents.csv withheld: for
      // every (organization, scores, poc), the rows of respondents.csv already showing an
      // organizer of that race group are at least as many as the extract rows.
      expect(forcedOntoWithheld(rows, [...scores])).toEqual([]);
    }
    expect(unique).toBeGreaterThan(0);
    // Tenure in years is finer than respondents.csv's band: the years it gives to a group of
    // respondents.csv split no group below k.
    const groups = new Map<string, Map<string, number>>();
    for (const e of h5) {
      if (e.tenure_years === '') continue;
      for (const r of candidates(e, ['satisfaction_score'])) {
        const key = ['org_code', ...QIS].map((q) => (r[`${q}_suppressed`] === '1' ? '*' : r[q])).join('|');
        const byYears = groups.get(key) ?? new Map<string, number>();
        byYears.set(e.tenure_years, (byYears.get(e.tenure_years) ?? 0) + 1);
        groups.set(key, byYears);
      }
    }
    for (const byYears of groups.values()) for (const n of byYears.values()) expect(n).toBeGreaterThanOrEqual(K);
  });

  it('each extract is k-anonymous over its own quasi-identifiers, and its rows are not in respondents.csv order', () => {
    for (const [file, qis] of [['extract-h1-h3.csv', ['wave', 'org_code', 'poc']], ['extract-h5.csv', ['wave', 'org_code', 'poc', 'tenure_years']]] as const) {
      const rows = readCsv(path.join(out, file));
      const sizes = new Map<string, number>();
      for (const r of rows) sizes.set(qis.map((q) => r[q]).join('|'), (sizes.get(qis.map((q) => r[q]).join('|')) ?? 0) + 1);
      expect(Math.min(...sizes.values()), file).toBeGreaterThanOrEqual(K);
      expect(Object.keys(rows[0])).not.toContain('id');
    }
  });

  it('the same attack on a naive extract, suppressed over its own quasi-identifiers alone, gives back race that respondents.csv withheld', async () => {
    // What extract-h1-h3.csv would be if it were k-anonymous over organization × poc on its own.
    const db = t.handle.db;
    const raw = await db.selectFrom('responses').innerJoin('organizations', 'organizations.id', 'responses.organization_id').selectAll('responses').select('organizations.code as org_code').where('role', '=', 'organizer').execute();
    const cells = new Map<string, typeof raw>();
    for (const r of raw) {
      const poc = derivePoc(r);
      if (poc === null) continue;
      const key = `${r.org_code}|${poc}`;
      cells.set(key, [...(cells.get(key) ?? []), r]);
    }
    const released = new Set(respondents.map((r) => r.org_code));
    const naive: Record<string, string>[] = [];
    for (const [key, members] of cells) {
      const [org, poc] = key.split('|');
      if (members.length < K || !released.has(org)) continue;
      for (const m of members) {
        const sc = scoreResponse(m as unknown as Record<string, unknown>).scores;
        naive.push({ wave: respondents[0].wave, org_code: org, poc, satisfaction_score: sc.satisfaction_score === null ? '' : String(sc.satisfaction_score), intent_to_leave_score: sc.intent_to_leave_score === null ? '' : String(sc.intent_to_leave_score) });
      }
    }
    expect(naive.length).toBeGreaterThan(readCsv(path.join(out, 'extract-h1-h3.csv')).length);
    const recovered = forcedOntoWithheld(naive, ['satisfaction_score', 'intent_to_leave_score']).length;
    expect(recovered).toBeGreaterThan(0);
  });
});
