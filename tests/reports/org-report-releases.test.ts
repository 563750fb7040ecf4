// The organization report's benchmark across two releases of one wave: one late response
// in organization A must not show up as a one-person change in organization B's benchmark
// (B's contact holds both reports). The attack: with the true pool sizes N₁ and N₂ (the
// worst case), m₂·N₂ − m₁·N₁ is the sum of whoever joined or left the pool; the pool may
// change only by whole organizations whose figures were published, never by 1..k−1 people.
import { afterAll, describe, expect, it } from 'vitest';
import { insertResponses } from '../../data/repositories/responses.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { aggregate, type ScoredWave } from '../../pipeline/aggregate.js';
import { DEFAULT_THRESHOLDS } from '../../pipeline/classify.js';
import { extractWave } from '../../pipeline/extract.js';
import { COMPARED_SCALES, measureColumn } from '../../pipeline/org-breakdowns.js';
import type { Results } from '../../pipeline/results.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { published, response, run } from '../privacy/release-helpers.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const t of databases) await t.destroy();
});

/** Per organization code: its valid values of a measure. */
function values(sw: ScoredWave, measure: string): Map<string, number[]> {
  const col = measureColumn(sw, measure);
  const out = new Map<string, number[]>();
  for (const o of sw.orgs) {
    const v: number[] = [];
    for (let i = o.rec.start; i < o.rec.start + o.rec.respondents; i++) if (col[i] === col[i] && col[i] > 0) v.push(col[i]);
    out.set(o.rec.code, v);
  }
  return out;
}

/** The pool behind B's benchmark as the release shows it: other organizations whose own figure of the measure is published. */
function pool(r: Results, b: string, measure: string): string[] {
  return r.organizations.filter((o) => o.code !== b && o.reportable && o.scales[measure] != null).map((o) => o.code);
}

describe.each(DIALECTS)('organization benchmarks across releases on %s', (dialect) => {
  it('one late response in organization A changes no other organization’s benchmark by one person', async () => {
    const t = await createTestDatabase(dialect);
    databases.push(t);
    const db = t.handle.db;
    const { waveId } = await writeSyntheticStudy(db, { orgs: 8, staffMin: 6, staffMax: 16, seed: 36 });
    const first = await run(db, waveId);
    const sw1 = aggregate(await extractWave(db, waveId), first.results.study.k, DEFAULT_THRESHOLDS);
    const k = first.results.study.k;
    const target = first.results.organizations.find((o) => o.reportable && o.scales.satisfaction_score !== null)!;
    const row = await db.selectFrom('organizations').select('id').where('code', '=', target.code).executeTakeFirstOrThrow();
    // Satisfaction 7.00 and intent to leave 5.00: the newcomer the attack looks for.
    await insertResponses(db, [response(waveId, row.id, { sat_1: 7, sat_2r: 1, sat_3: 7, itl_1: 5, itl_2: 5, itl_3: 5 })]);
    const second = await run(db, waveId, { ledger: [published(first, 'r1')] });
    const sw2 = aggregate(await extractWave(db, waveId), k, DEFAULT_THRESHOLDS);

    let checked = 0;
    for (const measure of COMPARED_SCALES) {
      const v1 = values(sw1, measure);
      const v2 = values(sw2, measure);
      for (const b of second.results.organizations.filter((o) => o.reportable && o.code !== target.code)) {
        const c1 = first.results.organizations.find((o) => o.code === b.code)!.comparisons?.[measure];
        const c2 = b.comparisons?.[measure];
        if (!c1 || !c2 || c1.benchmark === null || c2.benchmark === null) continue;
        const p1 = pool(first.results, b.code, measure);
        const p2 = pool(second.results, b.code, measure);
        const n1 = p1.reduce((s, code) => s + v1.get(code)!.length, 0);
        const n2 = p2.reduce((s, code) => s + v2.get(code)!.length, 0);
        // The benchmark is exactly the pooled mean of that pool (so the sizes used below are the true ones)…
        const mean = (codes: string[], v: Map<string, number[]>) => codes.flatMap((code) => v.get(code)!).reduce((s, x) => s + x, 0) / codes.reduce((s, code) => s + v.get(code)!.length, 0);
        expect(c1.benchmark).toBeCloseTo(mean(p1, v1), 9);
        expect(c2.benchmark).toBeCloseTo(mean(p2, v2), 9);
        // …and between releases it changed by no one, or by at least k people.
        const moved = Math.abs(n2 - n1);
        expect(moved === 0 || moved >= k, `${b.code} ${measure}: pool moved by ${moved}`).toBe(true);
        // The attack itself recovers no single newcomer's answer.
        if (moved === 1) expect(Math.abs(c2.benchmark * n2 - c1.benchmark * n1 - (measure === 'satisfaction_score' ? 7 : 5))).toBeGreaterThan(1e-6);
        // An organization is in both pools with identical answers, or in one only: whole organizations move.
        for (const code of p1.filter((x) => p2.includes(x))) expect(v2.get(code)).toEqual(v1.get(code));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // The organization that changed is out of the second release's pools (its figures differ by one from the first's).
    expect(second.results.organizations.find((o) => o.code === target.code)!.scales.satisfaction_score).toBeNull();
  }, 120_000);
});
