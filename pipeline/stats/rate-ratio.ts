// Two-group Poisson rate ratio (group 1 / group 0): Wald CI on the log scale and the exact
// conditional test/CI of R poisson.test(c(x1, x0), c(T1, T0)) — binomial on x1 given x1 + x0,
// Clopper–Pearson limits p mapped to the ratio scale by p/(1−p) · T0/T1.

import betaDist from '@stdlib/stats-base-dists-beta';
import binomialDist from '@stdlib/stats-base-dists-binomial';
import { normalCritical, normalTwoSidedP } from './distributions.js';
import { StatsInputError } from './errors.js';
import { assertLevel } from './validate.js';

export type RateRatioResult = {
  rate1: number;
  rate0: number;
  rateRatio: number;
  /** Wald: log RR ± z · sqrt(1/x1 + 1/x0). */
  wald: { logSe: number; z: number; p: number; ciLow: number; ciHigh: number };
  /** Exact conditional (binomial) test and Clopper–Pearson CI, as R poisson.test. */
  exact: { p: number; ciLow: number; ciHigh: number };
};

/** R binom.test's two-sided p: sum of P(i) over outcomes with P(i) <= P(x)·(1 + 1e-7). */
export function binomialTwoSidedP(x: number, n: number, p: number): number {
  const relErr = 1 + 1e-7;
  const d = binomialDist.pmf(x, n, p);
  const m = n * p;
  // P(X > k), computed as a lower tail of n − X ~ Bin(n, 1 − p) to keep precision for small p values.
  const upperTail = (k: number): number => (k >= n ? 0 : k < 0 ? 1 : binomialDist.cdf(n - k - 1, n, 1 - p));
  const lowerTail = (k: number): number => (k < 0 ? 0 : binomialDist.cdf(k, n, p));
  if (x === m) return 1;
  let count = 0;
  if (x < m) {
    for (let i = Math.ceil(m); i <= n; i++) if (binomialDist.pmf(i, n, p) <= d * relErr) count++;
    return Math.min(1, lowerTail(x) + upperTail(n - count));
  }
  for (let i = 0; i <= Math.floor(m); i++) if (binomialDist.pmf(i, n, p) <= d * relErr) count++;
  return Math.min(1, lowerTail(count - 1) + upperTail(x - 1));
}

/** Clopper–Pearson interval for a binomial proportion x / n. */
export function clopperPearson(x: number, n: number, level = 0.95): { low: number; high: number } {
  const a = (1 - level) / 2;
  return {
    low: x === 0 ? 0 : betaDist.quantile(a, x, n - x + 1),
    high: x === n ? 1 : betaDist.quantile(1 - a, x + 1, n - x),
  };
}

export function rateRatio(
  events1: number,
  exposure1: number,
  events0: number,
  exposure0: number,
  level = 0.95,
): RateRatioResult {
  assertLevel(level);
  for (const [name, v] of [['events1', events1], ['events0', events0]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new StatsInputError(`${name} is ${v}; event counts must be non-negative integers`);
  }
  for (const [name, v] of [['exposure1', exposure1], ['exposure0', exposure0]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new StatsInputError(`${name} is ${v}; exposures must be positive`);
  }
  if (events1 === 0 || events0 === 0) {
    throw new StatsInputError(
      `a group has no events (events1 = ${events1}, events0 = ${events0}): the rate ratio is 0 or unbounded and its log-scale CI is not defined`,
    );
  }
  const rr = events1 / exposure1 / (events0 / exposure0);
  const logSe = Math.sqrt(1 / events1 + 1 / events0);
  const z = Math.log(rr) / logSe;
  const crit = normalCritical(level);
  const total = events1 + events0;
  const pNull = exposure1 / (exposure1 + exposure0);
  const cp = clopperPearson(events1, total, level);
  const toRatio = (p: number): number => (p / (1 - p)) * (exposure0 / exposure1);
  return {
    rate1: events1 / exposure1,
    rate0: events0 / exposure0,
    rateRatio: rr,
    wald: {
      logSe,
      z,
      p: normalTwoSidedP(z),
      ciLow: Math.exp(Math.log(rr) - crit * logSe),
      ciHigh: Math.exp(Math.log(rr) + crit * logSe),
    },
    exact: { p: binomialTwoSidedP(events1, total, pNull), ciLow: toRatio(cp.low), ciHigh: toRatio(cp.high) },
  };
}
