// Sample mean with standard deviation, standard error and a t-based confidence interval
// (n − 1 df), as R t.test(x, conf.level = level)$conf.int.

import { tCritical } from './distributions.js';
import { StatsInputError } from './errors.js';
import { meanOf, squaredDeviations } from './moments.js';
import { assertFiniteArray, assertLevel, type NumericArray } from './validate.js';

export type MeanCI = { n: number; mean: number; sd: number; se: number; df: number; ciLow: number; ciHigh: number };

export function meanCI(x: NumericArray, level = 0.95): MeanCI {
  assertFiniteArray(x, 'x', 2);
  assertLevel(level);
  const m = meanOf(x);
  const sd = Math.sqrt(squaredDeviations(x, m) / (x.length - 1));
  if (!(sd > 0)) {
    throw new StatsInputError(`all ${x.length} values equal ${m}: zero variance gives a zero-width interval that overstates certainty`);
  }
  const n = x.length;
  const se = sd / Math.sqrt(n);
  const crit = tCritical(n - 1, level);
  return { n, mean: m, sd, se, df: n - 1, ciLow: m - crit * se, ciHigh: m + crit * se };
}
