// Hedges' g for mean(x) − mean(y) with an approximate normal-theory CI, following
// Borenstein et al. (2009, Introduction to Meta-Analysis, eqs 4.18–4.24): d on the pooled SD,
// J = 1 − 3/(4·df − 1), V_d = (n1+n2)/(n1·n2) + d²/(2(n1+n2)), V_g = J²·V_d, CI g ± z·√V_g.

import { mean, sampleVariance } from 'simple-statistics';
import { normalCritical } from './distributions.js';
import { StatsInputError } from './errors.js';
import { assertFiniteArray, assertLevel, type NumericArray } from './validate.js';

export type HedgesG = {
  g: number;
  /** Cohen's d before the small-sample correction. */
  d: number;
  /** Small-sample correction factor J. */
  correction: number;
  pooledSd: number;
  se: number;
  ciLow: number;
  ciHigh: number;
};

export function hedgesG(x: NumericArray, y: NumericArray, level = 0.95): HedgesG {
  assertFiniteArray(x, 'x', 2);
  assertFiniteArray(y, 'y', 2);
  assertLevel(level);
  const n1 = x.length;
  const n2 = y.length;
  const df = n1 + n2 - 2;
  const pooledVar = ((n1 - 1) * sampleVariance(x as unknown as number[]) + (n2 - 1) * sampleVariance(y as unknown as number[])) / df;
  if (!(pooledVar > 0)) {
    throw new StatsInputError('the pooled standard deviation is 0 (both groups constant), so a standardized difference is undefined');
  }
  const pooledSd = Math.sqrt(pooledVar);
  const d = (mean(x as unknown as number[]) - mean(y as unknown as number[])) / pooledSd;
  const correction = 1 - 3 / (4 * df - 1);
  const g = correction * d;
  const varD = (n1 + n2) / (n1 * n2) + d ** 2 / (2 * (n1 + n2));
  const se = correction * Math.sqrt(varD);
  const crit = normalCritical(level);
  return { g, d, correction, pooledSd, se, ciLow: g - crit * se, ciHigh: g + crit * se };
}
