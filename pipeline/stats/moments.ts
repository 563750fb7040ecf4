// Sums, means and variances over numeric columns with exactly simple-statistics' arithmetic
// (a Kahan–Babuška compensated sum for the mean, then the plain sum of squared deviations),
// so results keep their bits, in loops of their own: simple-statistics' shared functions see
// every array kind the process uses and check each element's type, which at a million values
// per call cost more than the arithmetic.
import type { NumericArray } from './validate.js';

/** simple-statistics `sum`: Kahan–Babuška summation in index order; 0 for no values. */
export function compensatedSum(x: NumericArray): number {
  const n = x.length;
  if (n === 0) return 0;
  let sum = x[0];
  let correction = 0;
  for (let i = 1; i < n; i++) {
    const v = x[i];
    const transition = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) correction += sum - transition + v;
    else correction += v - transition + sum;
    sum = transition;
  }
  return sum + correction;
}

/** Σ x in index order, uncompensated. */
export function plainSum(x: NumericArray): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return sum;
}

/** simple-statistics `mean` (callers check there is at least one value). */
export function meanOf(x: NumericArray): number {
  return compensatedSum(x) / x.length;
}

/** Σ (x_i − m)² in index order. */
export function squaredDeviations(x: NumericArray, m: number): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    sum += d * d;
  }
  return sum;
}

/** simple-statistics `sampleVariance` (callers check there are at least two values). */
export function sampleVarianceOf(x: NumericArray): number {
  return squaredDeviations(x, meanOf(x)) / (x.length - 1);
}
