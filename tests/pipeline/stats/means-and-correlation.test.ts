// meanCI, welchTTest, hedgesG and pearsonCI against R references (t.test, cor.test,
// effectsize::hedges_g with the Borenstein et al. SE), plus degenerate-input and property checks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatsInputError, hedgesG, hedgesJ, meanCI, pearsonCI, welchTTest } from '../../../pipeline/stats/index.js';
import type { Fixture } from './fixture-helpers.js';
import { CLOSED_FORM, expectClose, loadFixture } from './fixture-helpers.js';

type XY = { x: number[]; y: number[] };

describe('meanCI', () => {
  const fx = loadFixture<Fixture<{ x: number[] }, Record<string, number>>>('mean-ci.json');
  for (const c of fx.cases) {
    it(`matches R t.test for ${c.name}`, () => {
      const r = meanCI(c.data.x);
      for (const key of ['n', 'mean', 'sd', 'se', 'df', 'ciLow', 'ciHigh'] as const) {
        expectClose(r[key], c.expected[key], CLOSED_FORM, key);
      }
      expect(meanCI(Float64Array.from(c.data.x))).toEqual(r);
    });
  }
  it('throws StatsInputError for one value or zero variance', () => {
    expect(() => meanCI([3])).toThrow(StatsInputError);
    expect(() => meanCI([2, 2, 2])).toThrow(/zero variance/);
    expect(() => meanCI([1, Number.NaN])).toThrow(StatsInputError);
  });
  it('does not mutate its input', () => {
    const x = [3, 1, 2];
    meanCI(x);
    expect(x).toEqual([3, 1, 2]);
  });
});

describe('welchTTest', () => {
  const fx = loadFixture<Fixture<XY, Record<string, number>>>('welch-t-test.json');
  for (const c of fx.cases) {
    it(`matches R t.test (Welch) for ${c.name}`, () => {
      const r = welchTTest(c.data.x, c.data.y);
      for (const key of ['difference', 't', 'df', 'p', 'ciLow', 'ciHigh', 'se'] as const) {
        expectClose(r[key], c.expected[key], CLOSED_FORM, key);
      }
    });
  }
  it('throws when both groups are constant', () => {
    expect(() => welchTTest([1, 1, 1], [2, 2])).toThrow(StatsInputError);
    expect(() => welchTTest([1], [2, 3])).toThrow(StatsInputError);
  });
  it('is antisymmetric under swapping the groups (property)', () => {
    const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 15 });
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const allSame = (v: number[]): boolean => v.every((a) => a === v[0]);
        fc.pre(!(allSame(x) && allSame(y)));
        const a = welchTTest(x, y);
        const b = welchTTest(y, x);
        expect(b.t).toBeCloseTo(-a.t, 9);
        expect(b.df).toBeCloseTo(a.df, 9);
        expect(b.p).toBeCloseTo(a.p, 12);
        expect(b.ciLow).toBeCloseTo(-a.ciHigh, 9);
      }),
    );
  });
});

describe('hedgesG', () => {
  const fx = loadFixture<Fixture<XY, Record<string, number>>>('hedges-g.json');
  for (const c of fx.cases) {
    it(`matches R effectsize::hedges_g (exact J) and the Borenstein et al. SE for ${c.name}`, () => {
      const r = hedgesG(c.data.x, c.data.y);
      for (const key of ['g', 'd', 'correction', 'pooledSd', 'se', 'ciLow', 'ciHigh'] as const) {
        expectClose(r[key], c.expected[key], CLOSED_FORM, key);
      }
    });
  }
  it('throws when the pooled SD is zero', () => {
    expect(() => hedgesG([4, 4], [4, 4, 4])).toThrow(StatsInputError);
  });
  const grid = loadFixture<Fixture<{ df: number[] }, { J: number[]; approximate: number[] }>>('hedges-j.json').cases[0];
  it('uses the exact J (gamma-function form) on df from 2 to 1e7, not 1 − 3/(4df − 1)', () => {
    grid.data.df.forEach((df, i) => {
      expectClose(hedgesJ(df), grid.expected.J[i], 1e-13, `J(${df})`);
      // The approximation is what the exact form replaced; where the two differ beyond the
      // tolerance, the test would fail on the approximation.
      if (Math.abs(grid.expected.approximate[i] - grid.expected.J[i]) > 1e-12) expect(hedgesJ(df)).not.toBeCloseTo(grid.expected.approximate[i], 12);
    });
  });
  it('refuses df at or below 1, where J is undefined', () => {
    expect(() => hedgesJ(1)).toThrow(StatsInputError);
    expect(() => hedgesJ(Number.NaN)).toThrow(StatsInputError);
  });
  it('shrinks |d| toward zero (property)', () => {
    const sample = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 20 });
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        try {
          const r = hedgesG(x, y);
          expect(Math.abs(r.g)).toBeLessThanOrEqual(Math.abs(r.d));
          expect(r.ciLow).toBeLessThanOrEqual(r.g);
          expect(r.ciHigh).toBeGreaterThanOrEqual(r.g);
        } catch (e) {
          expect(e).toBeInstanceOf(StatsInputError);
        }
      }),
    );
  });
});

describe('pearsonCI', () => {
  const fx = loadFixture<Fixture<XY, Record<string, number>>>('pearson-ci.json');
  for (const c of fx.cases) {
    it(`matches R cor.test for ${c.name}`, () => {
      const r = pearsonCI(c.data.x, c.data.y);
      for (const key of ['r', 'n', 't', 'df', 'p', 'ciLow', 'ciHigh'] as const) {
        expectClose(r[key], c.expected[key], CLOSED_FORM, key);
      }
      // The pipeline passes Float64Array columns; they must give the same bits.
      expect(pearsonCI(Float64Array.from(c.data.x), Float64Array.from(c.data.y))).toEqual(r);
    });
  }
  it('throws for constant variables, perfect lines and n < 4', () => {
    expect(() => pearsonCI([1, 2, 3, 4], [5, 5, 5, 5])).toThrow(StatsInputError);
    expect(() => pearsonCI([1, 2, 3, 4], [2, 4, 6, 8])).toThrow(/exactly/);
    expect(() => pearsonCI([1, 2, 3], [2, 1, 3])).toThrow(StatsInputError);
  });
});
