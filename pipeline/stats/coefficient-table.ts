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
  const crit = reference.distribution === 't' ? tCritical(reference.df, level) : normalCritical(level);
  return estimates.map((estimate, j) => {
    const variance = vcov.get(j, j);
    if (!(variance > 0) || !Number.isFinite(variance)) {
      throw new StatsInputError(
        `the variance of coefficient ${names[j]} is ${variance}; it is not identified by these data`,
      );
    }
    const se = Math.sqrt(variance);
    const statistic = estimate / se;
    const p = reference.distribution === 't' ? tTwoSidedP(statistic, reference.df) : normalTwoSidedP(statistic);
    return {
      name: names[j],
      estimate,
      se,
      statistic,
      df: reference.distribution === 't' ? reference.df : null,
      p,
      ciLow: estimate - crit * se,
      ciHigh: estimate + crit * se,
    };
  });
}

export function defaultNames(k: number, names?: readonly string[]): string[] {
  if (names === undefined) return Array.from({ length: k }, (_, j) => `x${j}`);
  if (names.length !== k) throw new StatsInputError(`names has ${names.length} entries but X has ${k} columns`);
  return [...names];
}
