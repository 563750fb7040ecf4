// Two-sided p values and critical values for the t, normal and chi-square distributions,
// thin wrappers over @stdlib so no module re-derives a tail probability by hand.

import tDist from '@stdlib/stats-base-dists-t';
import normalDist from '@stdlib/stats-base-dists-normal';
import chisqDist from '@stdlib/stats-base-dists-chisquare';
import { StatsInputError } from './errors.js';

function assertDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new StatsInputError(`degrees of freedom ${df} must be a positive finite number`);
  }
}

/** Two-sided p value P(|T| >= |t|) for Student's t with df degrees of freedom. */
export function tTwoSidedP(t: number, df: number): number {
  assertDf(df);
  return Math.min(1, 2 * tDist.cdf(-Math.abs(t), df));
}

/** Critical value t such that a two-sided interval at `level` is estimate ± t·se. */
export function tCritical(df: number, level = 0.95): number {
  assertDf(df);
  return tDist.quantile(1 - (1 - level) / 2, df);
}

/** Two-sided p value for a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, 2 * normalDist.cdf(-Math.abs(z), 0, 1));
}

/** Standard normal critical value for a two-sided interval at `level`. */
export function normalCritical(level = 0.95): number {
  return normalDist.quantile(1 - (1 - level) / 2, 0, 1);
}

/** Upper-tail p value P(X >= x) for a chi-square with df degrees of freedom. */
export function chiSquareUpperP(x: number, df: number): number {
  assertDf(df);
  return 1 - chisqDist.cdf(x, df);
}
