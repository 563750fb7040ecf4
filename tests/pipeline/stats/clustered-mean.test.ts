// clusteredMeanCI (the report's group-mean intervals) against R clubSandwich's CR2 interval
// of an intercept-only lm on few and unbalanced clusters (tests/fixtures/stats/scripts/
// group-mean-cr2.R), and wider than the naive t interval whenever organizations differ.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clusteredMeanCI, identified, olsClusteredColumns, StatsInputError } from '../../../pipeline/stats/index.js';
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
  it('gives what the general CR2 regression gives for y ~ 1, with numeric or string organization ids', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 7 })), { minLength: 4, maxLength: 60 }), (rows) => {
        const y = rows.map((r) => r[1]);
        const ids = rows.map((r) => r[0]);
        let general;
        try {
          general = identified(olsClusteredColumns(y, [y.map(() => 1)], ids).cr2, 0);
        } catch (err) {
          expect(err).toBeInstanceOf(StatsInputError);
          expect(() => clusteredMeanCI(y, Int32Array.from(ids))).toThrow(StatsInputError);
          return;
        }
        if (new Set(ids).size < 2) return;
        for (const clusters of [Int32Array.from(ids), ids.map((i) => `org-${i}`)]) {
          const fast = clusteredMeanCI(y, clusters);
          expectClose(fast.se, general.se, 1e-9, 'se');
          expectClose(fast.df, general.df, 1e-9, 'df');
          expectClose(fast.ciLow, general.ciLow, 1e-9, 'ciLow');
        }
      }),
    );
  });
  it('refuses one organization: no cluster-robust interval exists', () => {
    expect(() => clusteredMeanCI([1, 2, 3, 4], ['a', 'a', 'a', 'a'])).toThrow(StatsInputError);
  });
});
