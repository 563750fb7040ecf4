// Small matrix helpers over ml-matrix for the regression modules: cross-products of design
// columns and a rank-checked symmetric inverse, so a singular design throws instead of returning junk.

import { Matrix, SingularValueDecomposition, inverse } from 'ml-matrix';
import { StatsInputError } from './errors.js';
import type { NumericArray } from './validate.js';

/**
 * X'X from design columns, without a row array per observation.
 */
export function crossProductColumns(cols: readonly NumericArray[]): Matrix {
  const k = cols.length;
  const n = cols[0].length;
  const out = Matrix.zeros(k, k);
  for (let a = 0; a < k; a++) {
    const ca = cols[a];
    for (let b = a; b < k; b++) {
      const cb = cols[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += ca[i] * cb[i];
      out.set(a, b, s);
      out.set(b, a, s);
    }
  }
  return out;
}

/** X'z from design columns as a K-vector. */
export function crossVectorColumns(cols: readonly NumericArray[], z: NumericArray): number[] {
  return cols.map((c) => {
    let s = 0;
    for (let i = 0; i < z.length; i++) s += c[i] * z[i];
    return s;
  });
}

/**
 * Inverse of a symmetric positive (semi)definite matrix such as X'WX. The rank is checked by
 * SVD first: ml-matrix's LU inverse would return huge or infinite entries for a singular design.
 */
export function invertFullRank(A: Matrix, what: string): Matrix {
  const svd = new SingularValueDecomposition(A, { autoTranspose: true });
  const s = svd.diagonal;
  const tol = Math.max(A.rows, A.columns) * Number.EPSILON * 1e3 * (s[0] ?? 0);
  const rank = s.filter((v) => v > tol).length;
  if (!(s[0] > 0) || rank < A.columns) {
    throw new StatsInputError(
      `${what} is singular (rank ${rank} of ${A.columns}): a predictor is constant or a linear ` +
        'combination of others, so its coefficient cannot be estimated',
    );
  }
  return inverse(A);
}

export function matVec(A: Matrix, v: readonly number[]): number[] {
  const out = new Array<number>(A.rows).fill(0);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) out[i] += A.get(i, j) * v[j];
  return out;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * out += col·b, element by element: a fitted value or linear predictor column by column (each
 * row still adds its terms in coefficient order, so the same bits as a row at a time).
 */
export function addScaledColumn(out: Float64Array, col: NumericArray, b: number): void {
  for (let i = 0; i < out.length; i++) out[i] += col[i] * b;
}
