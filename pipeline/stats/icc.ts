// ICC(1) and ICC(2) from a one-way ANOVA of a respondent-level score on group, allowing
// unequal group sizes (Bliese 2000): ICC(1) = (MSB − MSW)/(MSB + (k − 1)·MSW) with the
// adjusted group size k = (N − Σn_j²/N)/(J − 1) by default; ICC(2) = (MSB − MSW)/MSB.

import { StatsInputError } from './errors.js';
import type { ClusterId } from './cluster-robust.js';
import { clusterIndex } from './cluster-robust.js';
import { assertFiniteArray, assertSameLength } from './validate.js';

export type IccResult = {
  icc1: number;
  icc2: number;
  msBetween: number;
  msWithin: number;
  dfBetween: number;
  dfWithin: number;
  nGroups: number;
  n: number;
  /** Group size used in ICC(1): adjusted k, or the mean N/J. */
  groupSize: number;
};

export type IccOptions = {
  /**
   * 'adjusted' (default): k = (N − Σn_j²/N)/(J − 1). 'mean': N/J, which is what
   * R multilevel::ICC1 uses; the two agree when groups are equal in size.
   */
  groupSize?: 'adjusted' | 'mean';
};

export function iccOneWay(values: readonly number[], groups: readonly ClusterId[], options: IccOptions = {}): IccResult {
  assertFiniteArray(values, 'values', 3);
  assertSameLength(values, groups, 'values and groups');
  const index = [...clusterIndex(groups).values()];
  const J = index.length;
  const N = values.length;
  if (J < 2) throw new StatsInputError(`ICCs need at least 2 groups (got ${J})`);
  if (N <= J) throw new StatsInputError(`ICCs need more respondents (${N}) than groups (${J}) to estimate within-group variance`);
  const grand = values.reduce((s, v) => s + v, 0) / N;
  let ssb = 0;
  let ssw = 0;
  for (const idx of index) {
    const m = idx.reduce((s, i) => s + values[i], 0) / idx.length;
    ssb += idx.length * (m - grand) ** 2;
    for (const i of idx) ssw += (values[i] - m) ** 2;
  }
  const dfBetween = J - 1;
  const dfWithin = N - J;
  const msBetween = ssb / dfBetween;
  const msWithin = ssw / dfWithin;
  if (!(msBetween > 0)) throw new StatsInputError('all group means are equal (between-group mean square 0), so ICC(2) is undefined');
  const sumSq = index.reduce((s, idx) => s + idx.length ** 2, 0);
  const groupSize = (options.groupSize ?? 'adjusted') === 'adjusted' ? (N - sumSq / N) / (J - 1) : N / J;
  return {
    icc1: (msBetween - msWithin) / (msBetween + (groupSize - 1) * msWithin),
    icc2: (msBetween - msWithin) / msBetween,
    msBetween,
    msWithin,
    dfBetween,
    dfWithin,
    nGroups: J,
    n: N,
    groupSize,
  };
}

export function icc1(values: readonly number[], groups: readonly ClusterId[], options: IccOptions = {}): number {
  return iccOneWay(values, groups, options).icc1;
}

export function icc2(values: readonly number[], groups: readonly ClusterId[]): number {
  return iccOneWay(values, groups).icc2;
}
