// ICC(1) and ICC(2) from a one-way ANOVA of a respondent-level score on group, allowing
// unequal group sizes (Bliese 2000): ICC(1) = (MSB − MSW)/(MSB + (k − 1)·MSW) with the
// adjusted group size k = (N − Σn_j²/N)/(J − 1) by default; ICC(2) = (MSB − MSW)/MSB.

import { StatsInputError } from './errors.js';
import type { ClusterId } from './cluster-robust.js';
import { clusterIndex } from './cluster-robust.js';
import { assertFiniteArray, assertSameLength, type NumericArray } from './validate.js';

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
  const grouped = new Float64Array(values.length);
  const offsets = new Int32Array(index.length + 1);
  let t = 0;
  index.forEach((idx, g) => {
    for (const i of idx) grouped[t++] = values[i];
    offsets[g + 1] = t;
  });
  return iccOneWayGrouped(grouped, offsets, options);
}

/**
 * The same ANOVA over values already stored group by group: group g is
 * values[offsets[g]] … values[offsets[g + 1] − 1]. The pipeline's respondents are contiguous
 * by organization, so it needs no index of a million entries.
 */
export function iccOneWayGrouped(values: NumericArray, offsets: ArrayLike<number>, options: IccOptions = {}): IccResult {
  assertFiniteArray(values, 'values', 3);
  const J = offsets.length - 1;
  const N = values.length;
  if (offsets[0] !== 0 || offsets[J] !== N) throw new StatsInputError(`group offsets must run from 0 to ${N} (got ${offsets[0]} to ${offsets[J]})`);
  for (let g = 0; g < J; g++) {
    if (!(offsets[g + 1] > offsets[g])) throw new StatsInputError(`group ${g} is empty; every group needs at least one value`);
  }
  if (J < 2) throw new StatsInputError(`ICCs need at least 2 groups (got ${J})`);
  if (N <= J) throw new StatsInputError(`ICCs need more respondents (${N}) than groups (${J}) to estimate within-group variance`);
  let total = 0;
  for (let i = 0; i < N; i++) total += values[i];
  const grand = total / N;
  let ssb = 0;
  let ssw = 0;
  let sumSq = 0;
  for (let g = 0; g < J; g++) {
    const from = offsets[g];
    const to = offsets[g + 1];
    const size = to - from;
    let s = 0;
    for (let i = from; i < to; i++) s += values[i];
    const m = s / size;
    ssb += size * (m - grand) ** 2;
    for (let i = from; i < to; i++) ssw += (values[i] - m) ** 2;
    sumSq += size ** 2;
  }
  const dfBetween = J - 1;
  const dfWithin = N - J;
  const msBetween = ssb / dfBetween;
  const msWithin = ssw / dfWithin;
  if (!(msBetween > 0)) throw new StatsInputError('all group means are equal (between-group mean square 0), so ICC(2) is undefined');
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
