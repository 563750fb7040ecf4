// clusteredMeanCI (the report's group-mean intervals) against R clubSandwich's CR2 interval
// of an intercept-only lm on few and unbalanced clusters (tests/fixtures/stats/scripts/
// group-mean-cr2.R), and wider than the naive t interval whenever organizations differ.
import { describe, expect, it } from 'vitest';
import { clusteredMeanCI, StatsInputError } from '../../../pipeline/stats/index.js';
import type { Fixture } from './fixture-helpers.js';
import { CLOSED_FORM, expectClose, loadFixture } from './fixture-helpers.js';

type Data = { y: number[]; clusters: string[] };
type Expected = { mean: number; se: number; df: number; ciLow: number; ciHigh: number; naiveCiLow: number; naiveCiHigh: number };

describe('clusteredMeanCI', () => {
  const fx = loadFixture<Fixture<Data, Expected>>('group-mean-cr2.json');
  for (const c of fx.cases) {
    it(`matches clubSandwich conf_int(lm(y ~ 1), "CR2", Satterthwaite) for ${c.name}`, () => {
      const r = clusteredMeanCI(c.data.y, c.data.clusters);
      for (const key of ['mean', 'se', 'df', 'ciLow', 'ciHigh'] as const) expectClose(r[key], c.expected[key], CLOSED_FORM, key);
      expect(r.ciHigh - r.ciLow).toBeGreaterThan(c.expected.naiveCiHigh - c.expected.naiveCiLow);
    });
  }
  it('refuses one organization: no cluster-robust interval exists', () => {
    expect(() => clusteredMeanCI([1, 2, 3, 4], ['a', 'a', 'a', 'a'])).toThrow(StatsInputError);
  });
});
