// Welch's unequal-variance t test for mean(x) − mean(y): Welch–Satterthwaite df, two-sided
// p and CI, as R t.test(x, y) (var.equal = FALSE is R's default).

import { tCritical, tTwoSidedP } from './distributions.js';
import { StatsInputError } from './errors.js';
import { meanOf, squaredDeviations } from './moments.js';
import { assertFiniteArray, assertLevel, type NumericArray } from './validate.js';

export type WelchTTest = {
  nX: number;
  nY: number;
  meanX: number;
  meanY: number;
  difference: number;
  se: number;
  t: number;
  df: number;
  p: number;
  ciLow: number;
  ciHigh: number;
};

export function welchTTest(x: NumericArray, y: NumericArray, level = 0.95): WelchTTest {
  assertFiniteArray(x, 'x', 2);
  assertFiniteArray(y, 'y', 2);
  assertLevel(level);
  const meanX = meanOf(x);
  const meanY = meanOf(y);
  const vx = squaredDeviations(x, meanX) / (x.length - 1) / x.length;
  const vy = squaredDeviations(y, meanY) / (y.length - 1) / y.length;
  const se2 = vx + vy;
  if (!(se2 > 0)) {
    throw new StatsInputError('both groups have zero variance, so the standard error of the difference is 0 and t is undefined');
  }
  const se = Math.sqrt(se2);
  const df = se2 ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  const difference = meanX - meanY;
  const t = difference / se;
  const crit = tCritical(df, level);
  return {
    nX: x.length,
    nY: y.length,
    meanX,
    meanY,
    difference,
    se,
    t,
    df,
    p: tTwoSidedP(t, df),
    ciLow: difference - crit * se,
    ciHigh: difference + crit * se,
  };
}
