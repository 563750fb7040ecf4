// Within-group agreement rwg(j) of James, Demaree & Wolf (1984) against a uniform null with
// variance (A² − 1)/12 for A response options: J(1 − s̄²/σ²)/(J(1 − s̄²/σ²) + s̄²/σ²), with
// s̄² the mean item variance, truncated to 0 when s̄² > σ² (as R multilevel::rwg.j).

import { StatsInputError } from './errors.js';
import { sampleVarianceOf } from './moments.js';

export type MeanRwgJ = {
  mean: number;
  /** rwg(j) per group, in input order; null for groups with fewer than 2 complete respondents. */
  perGroup: (number | null)[];
  nGroupsUsed: number;
};

/** Uniform ("rectangular") null variance for A equally spaced response options. */
export function uniformNullVariance(options: number): number {
  if (!Number.isInteger(options) || options < 2) {
    throw new StatsInputError(`the number of response options is ${options}; it must be an integer of at least 2`);
  }
  return (options ** 2 - 1) / 12;
}

/** rwg(j) for one group: rows are respondents, columns the J items; rows with a missing item are dropped. */
export function rwgJ(items: readonly (readonly (number | null)[])[], options: number): number {
  return rwgJColumns(toColumns(items), options);
}

/** Mean rwg(j) over groups, skipping groups with fewer than 2 complete respondents. */
export function meanRwgJ(groups: readonly (readonly (readonly (number | null)[])[])[], options: number): MeanRwgJ {
  uniformNullVariance(options);
  return meanRwgJColumns(groups.map(toColumns), options);
}

/** rwg(j) for one group given as item columns (NaN = missing), as the pipeline stores answers. */
export function rwgJColumns(columns: readonly Float64Array[], options: number): number {
  return rwgJRows(columns, completeRows(columns), options);
}

/** rwg(j) over the given complete rows of the group's columns. */
function rwgJRows(columns: readonly Float64Array[], rows: Int32Array, options: number): number {
  const nullVar = uniformNullVariance(options);
  const j = columns.length;
  if (j < 1) throw new StatsInputError('rwg(j) needs at least one item column');
  if (rows.length < 2) {
    throw new StatsInputError(`rwg(j) needs at least 2 complete respondents in the group (got ${rows.length}); agreement is undefined for one person`);
  }
  let meanVar = 0;
  const col = new Float64Array(rows.length);
  for (let c = 0; c < j; c++) {
    const source = columns[c];
    for (let t = 0; t < rows.length; t++) col[t] = source[rows[t]];
    meanVar += sampleVarianceOf(col) / j;
  }
  const ratio = Math.min(meanVar, nullVar) / nullVar;
  return (j * (1 - ratio)) / (j * (1 - ratio) + ratio);
}

export function meanRwgJColumns(groups: readonly (readonly Float64Array[])[], options: number): MeanRwgJ {
  uniformNullVariance(options);
  const perGroup = groups.map((g) => {
    const rows = completeRows(g);
    return rows.length < 2 ? null : rwgJRows(g, rows, options);
  });
  const used = perGroup.filter((v): v is number => v !== null);
  if (used.length === 0) throw new StatsInputError('no group has 2 or more complete respondents, so mean rwg(j) is undefined');
  return { mean: used.reduce((s, v) => s + v, 0) / used.length, perGroup, nGroupsUsed: used.length };
}

function toColumns(items: readonly (readonly (number | null)[])[]): Float64Array[] {
  const j = items[0]?.length ?? 0;
  items.forEach((r, i) => {
    if (r.length !== j) throw new StatsInputError(`items row ${i} has ${r.length} entries, expected ${j}`);
  });
  return Array.from({ length: j }, (_, c) => Float64Array.from(items, (r) => r[c] ?? NaN));
}

function completeRows(columns: readonly Float64Array[]): Int32Array {
  const n = columns[0]?.length ?? 0;
  const out = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let c = 0; c < columns.length && ok; c++) ok = Number.isFinite(columns[c][i]);
    if (ok) out[m++] = i;
  }
  return out.subarray(0, m);
}
