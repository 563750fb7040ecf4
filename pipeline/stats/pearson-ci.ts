// Pearson correlation with a Fisher-z confidence interval and a t test on n − 2 df,
// as R cor.test(x, y) (method "pearson", two-sided).

import { sampleCorrelation } from 'simple-statistics';
import { normalCritical, tTwoSidedP } from './distributions.js';
import { StatsInputError } from './errors.js';
import { assertFiniteArray, assertLevel, assertSameLength, type NumericArray } from './validate.js';

export type PearsonCI = { r: number; n: number; t: number; df: number; p: number; ciLow: number; ciHigh: number };

function variance(v: NumericArray): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const m = s / v.length;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i] - m) ** 2;
  return ss;
}

/** x and y may be Float64Array columns: they are read in place, never copied. */
export function pearsonCI(x: NumericArray, y: NumericArray, level = 0.95): PearsonCI {
  assertSameLength(x, y, 'x and y');
  // n >= 4: the Fisher-z standard error is 1/sqrt(n − 3).
  assertFiniteArray(x, 'x', 4);
  assertFiniteArray(y, 'y', 4);
  assertLevel(level);
  if (!(variance(x) > 0) || !(variance(y) > 0)) {
    throw new StatsInputError('a variable is constant (zero variance), so the correlation is undefined');
  }
  // simple-statistics only reads its arguments (and reads typed arrays as they are).
  const r = sampleCorrelation(x as unknown as number[], y as unknown as number[]);
  if (Math.abs(r) >= 1) {
    throw new StatsInputError(`the correlation is exactly ${r}: the points lie on a line, so the t statistic and Fisher z are infinite`);
  }
  const n = x.length;
  const df = n - 2;
  const t = (r * Math.sqrt(df)) / Math.sqrt(1 - r * r);
  const z = Math.atanh(r);
  const half = normalCritical(level) / Math.sqrt(n - 3);
  return { r, n, t, df, p: tTwoSidedP(t, df), ciLow: Math.tanh(z - half), ciHigh: Math.tanh(z + half) };
}
