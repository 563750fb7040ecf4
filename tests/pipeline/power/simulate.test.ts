// The simulation behind `rootwork power` and the calibration benchmark, at a tiny size: it is
// seeded (same seed, same tallies), counts what it says it counts, and with a large planted
// effect the headline tests reject more often than under the null.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EFFECTS, NO_EFFECTS } from '../../../data/synthetic/params.js';
import { power, rejectionRate, scaledEffects, simulate, studySeeds, TESTS, type PlannedStudy } from '../../../pipeline/power/simulate.js';

const plan = (effects: PlannedStudy['effects']): PlannedStudy => ({ orgs: 16, staffMin: 8, staffMax: 20, effects, k: 5, profileRate: 1 });

describe('simulate', () => {
  it('is seeded: the same seed gives the same tallies, another seed other studies', () => {
    const a = simulate(plan(DEFAULT_EFFECTS), { sims: 4, seed: 9 });
    const b = simulate(plan(DEFAULT_EFFECTS), { sims: 4, seed: 9 });
    expect(b).toEqual(a);
    expect(studySeeds(9, 4)).toEqual(studySeeds(9, 4));
    expect(studySeeds(10, 4)).not.toEqual(studySeeds(9, 4));
  });

  it('tallies every test of H1–H5 with rejected ≤ estimable ≤ studies, and reports progress for each study', () => {
    const seen: number[] = [];
    const r = simulate(plan(NO_EFFECTS), { sims: 3, seed: 2, onProgress: (done, total) => { expect(total).toBe(3); seen.push(done); } });
    expect(seen).toEqual([1, 2, 3]);
    expect(r.tests.map((t) => t.hypothesis)).toEqual(TESTS.map((t) => t.hypothesis));
    expect(new Set(r.tests.filter((t) => t.headline).map((t) => t.hypothesis))).toEqual(new Set(['H1', 'H2', 'H3', 'H4', 'H5']));
    for (const t of r.tests) {
      expect(t.sims).toBe(3);
      expect(t.rejected).toBeLessThanOrEqual(t.estimable);
      expect(t.estimable).toBeLessThanOrEqual(3);
    }
    expect(r.tests.find((t) => t.id === 'H5.sat_interaction' && t.headline)!.estimable).toBe(3);
  });

  it('finds a large planted effect more often than none (H1 and H4 headlines)', () => {
    const big = simulate(plan(scaledEffects(DEFAULT_EFFECTS, 3)), { sims: 6, seed: 4 });
    const none = simulate(plan(NO_EFFECTS), { sims: 6, seed: 4 });
    for (const id of ['H1.sat_diff', 'H4.orientation_diff']) {
      const rejected = (r: typeof big) => r.tests.find((t) => t.id === id && t.headline)!.rejected;
      expect(rejected(big), id).toBeGreaterThan(rejected(none));
    }
    expect(big.meanHedgesG!).toBeGreaterThan(none.meanHedgesG! + 0.5);
  });

  it('gives rates with Clopper–Pearson intervals (R: binom.test(3, 40)$conf.int)', () => {
    const t = { hypothesis: 'H1', id: 'H1.sat_diff', test: 'x', headline: true, rejected: 3, estimable: 40, sims: 50 };
    const r = rejectionRate(t);
    expect(r.rate).toBe(0.075);
    expect(r.ciLow!).toBeCloseTo(0.01574218, 7);
    expect(r.ciHigh!).toBeCloseTo(0.2038647, 6);
    expect(power(t).rate).toBe(0.06);
    expect(rejectionRate({ ...t, rejected: 0, estimable: 0 }).rate).toBeNull();
  });

  it('scales every planted effect by one factor', () => {
    const half = scaledEffects(DEFAULT_EFFECTS, 0.5);
    for (const [key, v] of Object.entries(DEFAULT_EFFECTS)) expect(half[key as keyof typeof half]).toBe(v * 0.5);
    expect(Object.values(scaledEffects(DEFAULT_EFFECTS, 0)).every((v) => v === 0)).toBe(true);
  });
});
