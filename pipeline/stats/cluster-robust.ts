// CR1 cluster-robust covariance: bread · (Σ_g s_g s_gᵀ) · bread, times the Stata/statsmodels
// small-sample factor G/(G−1) · (N−1)/(N−K). s_g is the sum of per-observation scores in cluster g.

import { Matrix } from 'ml-matrix';
import { StatsInputError } from './errors.js';
import type { NumericArray } from './validate.js';

export type ClusterId = string | number;

/** Groups observation indices by cluster id, keeping first-seen order. */
export function clusterIndex(clusters: readonly ClusterId[]): Map<ClusterId, number[]> {
  const groups = new Map<ClusterId, number[]>();
  clusters.forEach((c, i) => {
    if (c === null || c === undefined || (typeof c === 'number' && !Number.isFinite(c))) {
      throw new StatsInputError(`clusters[${i}] is ${String(c)}; every observation needs a cluster id`);
    }
    const list = groups.get(c);
    if (list) list.push(i);
    else groups.set(c, [i]);
  });
  return groups;
}

/**
 * Numbers clusters 0..G−1 in first-seen order: of[i] is observation i's cluster number.
 * Throws for a missing or non-finite cluster id.
 */
export function clusterSlots(clusters: ArrayLike<ClusterId>): { of: Int32Array; count: number } {
  const n = clusters.length;
  const slot = new Map<ClusterId, number>();
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = clusters[i];
    if (c === null || c === undefined || (typeof c === 'number' && !Number.isFinite(c))) {
      throw new StatsInputError(`clusters[${i}] is ${String(c)}; every observation needs a cluster id`);
    }
    let g = slot.get(c);
    if (g === undefined) slot.set(c, (g = slot.size));
    of[i] = g;
  }
  return { of, count: slot.size };
}

/**
 * @param scores per-observation score rows (x_i·e_i for OLS, x_i·(y_i − p_i) for logit)
 * @param bread inverse of X'X (OLS) or of the Fisher information X'WX (GLM)
 */
export function cr1Covariance(
  scores: readonly (readonly number[])[],
  bread: Matrix,
  clusters: readonly ClusterId[],
): { vcov: Matrix; nClusters: number } {
  const k = bread.rows;
  const columns = Array.from({ length: k }, (_, a) => Float64Array.from(scores, (row) => row[a]));
  return cr1CovarianceColumns(columns, new Float64Array(scores.length).fill(1), bread, clusters);
}

/**
 * The same from design columns: observation i's score is columns[a][i] · multiplier[i]
 * (the residual for OLS). Cluster sums accumulate in one flat array in first-seen cluster
 * order, so the result is bit-for-bit that of the row form.
 */
export function cr1CovarianceColumns(
  columns: readonly NumericArray[],
  multiplier: NumericArray,
  bread: Matrix,
  clusters: ArrayLike<ClusterId>,
): { vcov: Matrix; nClusters: number } {
  return cr1CovarianceSlots(columns, multiplier, bread, clusterSlots(clusters));
}

/** The same with clusters already numbered by clusterSlots (a fit computing CR1 and CR2 numbers them once). */
export function cr1CovarianceSlots(
  columns: readonly NumericArray[],
  multiplier: NumericArray,
  bread: Matrix,
  slots: { of: Int32Array; count: number },
): { vcov: Matrix; nClusters: number } {
  const n = multiplier.length;
  const k = bread.rows;
  const { of, count: g } = slots;
  if (g < 2) {
    throw new StatsInputError(
      `cluster-robust standard errors need at least 2 clusters (got ${g}); with one cluster the between-cluster variance is not estimable`,
    );
  }
  if (n <= k) throw new StatsInputError(`CR1 needs more observations (${n}) than coefficients (${k})`);
  const sums = new Float64Array(g * k);
  for (let a = 0; a < k; a++) {
    const col = columns[a];
    for (let i = 0; i < n; i++) sums[of[i] * k + a] += col[i] * multiplier[i];
  }
  const meat = new Float64Array(k * k);
  for (let c = 0; c < g; c++) {
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += sums[c * k + a] * sums[c * k + b];
  }
  const factor = (g / (g - 1)) * ((n - 1) / (n - k));
  const meatMatrix = Matrix.from1DArray(k, k, meat);
  const vcov = bread.mmul(meatMatrix).mmul(bread).mul(factor);
  return { vcov, nClusters: g };
}
