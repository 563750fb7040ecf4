// Turns estimates and a covariance matrix into a coefficient table (SE, test statistic,
// p, CI) under a t reference with given df or a standard normal, shared by all regressions.

import type { Matrix } from 'ml-matrix';
import { normalCritical, normalTwoSidedP, tCritical, tTwoSidedP } from './distributions.js';
import { StatsInputError } from './errors.js';

export type Reference = { distribution: 't'; df: number } | { distribution: 'normal' };

export type Coefficient = {
  name: string;
  estimate: number;
  se: number;
  /** t or z statistic, estimate / se. */
  statistic: number;
  /** Degrees of freedom of the t reference, or null for a normal (z) reference. */
  df: number | null;
  p: number;
  ciLow: number;
  ciHigh: number;
};

export function coefficientTable(
  names: readonly string[],
  estimates: readonly number[],
  vcov: Matrix,
  reference: Reference,
  level = 0.95,
): Coefficient[] {
  return estimates.map((estimate, j) => coefficientRow(names[j], estimate, vcov.get(j, j), reference, level));
}

/**
 * A cluster-robust table in which a coefficient fitted by one cluster alone (say the intercept
 * when a single organization makes up the reference group) is null rather than an error: its
 * cluster-robust variance is 0 up to rounding. floors[j] is the variance at or below which
 * coefficient j counts as such; the other coefficients of the fit keep their inference.
 */
export function clusterCoefficientTable(
  names: readonly string[],
  estimates: readonly number[],
  vcov: Matrix,
  reference: (j: number) => Reference,
  floors: readonly number[],
  level = 0.95,
): (Coefficient | null)[] {
  return estimates.map((estimate, j) => {
    const variance = vcov.get(j, j);
    if (variance <= floors[j]) return null;
    return coefficientRow(names[j], estimate, variance, reference(j), level);
  });
}

/** Coefficient j of a cluster-robust table, or a StatsInputError saying why it has no inference. */
export function identified(table: readonly (Coefficient | null)[], j: number, name = `number ${j}`): Coefficient {
  const c = table[j];
  if (c === undefined) throw new RangeError(`the model has no coefficient ${j}`);
  if (c === null) {
    throw new StatsInputError(
      `the cluster-robust variance of coefficient ${name} is 0: it is fitted by one cluster alone, so the clusters carry no information about its variance`,
    );
  }
  // Satterthwaite df near zero (more coefficients than the few clusters can inform) puts the
  // t quantile at infinity: an interval from −∞ to ∞ is no inference, and JSON cannot hold it.
  if (!Number.isFinite(c.ciLow) || !Number.isFinite(c.ciHigh)) {
    throw new StatsInputError(
      `coefficient ${name} has ${c.df === null ? 'no' : c.df.toPrecision(3)} degrees of freedom: too few clusters carry information about it for a finite interval`,
    );
  }
  return c;
}

function coefficientRow(name: string, estimate: number, variance: number, reference: Reference, level: number): Coefficient {
  if (!(variance > 0) || !Number.isFinite(variance)) {
    throw new StatsInputError(`the variance of coefficient ${name} is ${variance}; it is not identified by these data`);
  }
  const crit = reference.distribution === 't' ? tCritical(reference.df, level) : normalCritical(level);
  const se = Math.sqrt(variance);
  const statistic = estimate / se;
  const p = reference.distribution === 't' ? tTwoSidedP(statistic, reference.df) : normalTwoSidedP(statistic);
  return {
    name,
    estimate,
    se,
    statistic,
    df: reference.distribution === 't' ? reference.df : null,
    p,
    ciLow: estimate - crit * se,
    ciHigh: estimate + crit * se,
  };
}

export function defaultNames(k: number, names?: readonly string[]): string[] {
  if (names === undefined) return Array.from({ length: k }, (_, j) => `x${j}`);
  if (names.length !== k) throw new StatsInputError(`names has ${names.length} entries but X has ${k} columns`);
  return [...names];
}
