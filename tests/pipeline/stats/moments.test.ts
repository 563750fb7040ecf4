// moments.ts promises simple-statistics' arithmetic without its per-value checks: the same
// bits, not merely close values, on any input (results.json must not change by a rounding).
import fc from 'fast-check';
import { mean, sampleVariance, sum } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { compensatedSum, meanOf, sampleVarianceOf } from '../../../pipeline/stats/moments.js';

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 });

describe('moments', () => {
  it('give simple-statistics\' sum, mean and sample variance bit for bit, on arrays and typed columns (property)', () => {
    fc.assert(
      fc.property(values, (xs) => {
        for (const col of [xs, Float64Array.from(xs)]) {
          expect(Object.is(compensatedSum(col), sum(xs))).toBe(true);
          expect(Object.is(meanOf(col), mean(xs))).toBe(true);
          expect(Object.is(sampleVarianceOf(col), sampleVariance(xs))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sums nothing to 0', () => {
    expect(compensatedSum([])).toBe(0);
  });
});
