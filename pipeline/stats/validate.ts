// Argument checks shared by the statistics modules: they throw StatsInputError with a
// message naming the argument, so degenerate input never turns into NaN downstream.

import { StatsInputError } from './errors.js';

/** Plain arrays or typed columns (Float64Array): the pipeline passes columns to avoid copying. */
export type NumericArray = readonly number[] | Float64Array;

export function assertFiniteArray(x: NumericArray, name: string, minLength: number): void {
  if (!Array.isArray(x) && !(x instanceof Float64Array)) throw new StatsInputError(`${name} must be an array of numbers`);
  if (x.length < minLength) {
    throw new StatsInputError(
      `${name} has ${x.length} observation(s); at least ${minLength} are needed for this method`,
    );
  }
  const bad = x instanceof Float64Array ? firstNonFinite(x) : firstNonNumber(x);
  if (bad >= 0) throw new StatsInputError(`${name}[${bad}] is ${String(x[bad])}; every value must be a finite number`);
}

// One loop per array kind: a column of a million doubles needs no type check per element.
function firstNonFinite(x: Float64Array): number {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return i;
  return -1;
}

function firstNonNumber(x: readonly number[]): number {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return i;
  }
  return -1;
}

export function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new StatsInputError(`confidence level ${level} must be strictly between 0 and 1 (e.g. 0.95)`);
  }
}

export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, names: string): void {
  if (a.length !== b.length) {
    throw new StatsInputError(`${names} must have the same length (got ${a.length} and ${b.length})`);
  }
}

/** Checks a design matrix given as rows, returning its column count. */
export function assertDesign(X: readonly (readonly number[])[], n: number): number {
  if (X.length !== n) throw new StatsInputError(`X has ${X.length} rows but the outcome has ${n} values`);
  const k = X[0]?.length ?? 0;
  if (k === 0) throw new StatsInputError('X has no columns; include at least an intercept column of 1s');
  X.forEach((row, i) => {
    if (row.length !== k) throw new StatsInputError(`X row ${i} has ${row.length} columns, expected ${k}`);
    const j = row.findIndex((v) => !Number.isFinite(v));
    if (j >= 0) throw new StatsInputError(`X[${i}][${j}] is ${String(row[j])}; every value must be a finite number`);
  });
  return k;
}
