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
export type ClusterSlots = {
  /** of[i] is observation i's cluster number, 0..count−1 in first-seen order. */
  of: Int32Array;
  count: number;
  /** Runs of consecutive observations in one cluster: run r is rows runStart[r]..runStart[r+1]−1. */
  runStart: Int32Array;
  runCluster: Int32Array;
};

/** Numbers the clusters and finds their runs of rows; throws for a missing or non-finite cluster id. */
export function clusterSlots(clusters: ArrayLike<ClusterId>): ClusterSlots {
  const n = clusters.length;
  const { of, count } = clusters instanceof Int32Array ? numberIndexClusters(clusters) : numberClusters(clusters);
  let runs = 0;
  for (let i = 0; i < n; i++) if (i === 0 || of[i - 1] !== of[i]) runs++;
  const runStart = new Int32Array(runs + 1);
  const runCluster = new Int32Array(runs);
  for (let i = 0, r = -1; i < n; i++) {
    if (i === 0 || of[i - 1] !== of[i]) {
      runStart[++r] = i;
      runCluster[r] = of[i];
    }
  }
  runStart[runs] = n;
  return { of, count, runStart, runCluster };
}

function numberClusters(clusters: ArrayLike<ClusterId>): { of: Int32Array; count: number } {
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
 * The same numbering for ids that are array indices (the pipeline's organization numbers):
 * a lookup table instead of a Map lookup per observation. Negative or sparse ids take the Map path.
 */
function numberIndexClusters(clusters: Int32Array): { of: Int32Array; count: number } {
  const n = clusters.length;
  let max = -1;
  for (let i = 0; i < n; i++) {
    const c = clusters[i];
    if (c < 0) return numberClusters(clusters);
    if (c > max) max = c;
  }
  if (max > 4 * n + 1024) return numberClusters(clusters); // sparse ids: a table would be mostly empty
  const index = new Int32Array(max + 1).fill(-1);
  const of = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = clusters[i];
    let g = index[c];
    if (g < 0) index[c] = g = count++;
    of[i] = g;
  }
  return { of, count };
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
  slots: ClusterSlots,
): { vcov: Matrix; nClusters: number } {
  return cr1FromSums(clusterScoreSums(columns, multiplier, slots), slots.count, multiplier.length, bread);
}

/** CR1 from the clusters' score sums (G × K, row-major): bread · Σ_g s_g s_gᵀ · bread · factor. */
export function cr1FromSums(sums: Float64Array, g: number, n: number, bread: Matrix): { vcov: Matrix; nClusters: number } {
  const k = bread.rows;
  if (g < 2) {
    throw new StatsInputError(
      `cluster-robust standard errors need at least 2 clusters (got ${g}); with one cluster the between-cluster variance is not estimable`,
    );
  }
  if (n <= k) throw new StatsInputError(`CR1 needs more observations (${n}) than coefficients (${k})`);
  const meat = new Float64Array(k * k);
  for (let c = 0; c < g; c++) {
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += sums[c * k + a] * sums[c * k + b];
  }
  const factor = (g / (g - 1)) * ((n - 1) / (n - k));
  const meatMatrix = Matrix.from1DArray(k, k, meat);
  const vcov = bread.mmul(meatMatrix).mmul(bread).mul(factor);
  return { vcov, nClusters: g };
}

/** Per cluster, Σ_i columns[a][i] · multiplier[i] for each column a: G × K, row-major. */
export function clusterScoreSums(columns: readonly NumericArray[], multiplier: NumericArray, slots: ClusterSlots): Float64Array {
  const k = columns.length;
  const sums = new Float64Array(slots.count * k);
  for (let a = 0; a < k; a++) runSums(columns[a], multiplier, slots, sums, k, a);
  return sums;
}

/**
 * Per cluster, S_g = X_gᵀX_g: G blocks of K × K, row-major, both triangles. Sums run over
 * runs of rows of one cluster (the pipeline's order makes each organization one run), so
 * the inner loop is as tight as a plain cross-product. Their sum is X'X.
 */
export function clusterCrossProducts(columns: readonly NumericArray[], slots: ClusterSlots): Float64Array {
  const k = columns.length;
  const kk = k * k;
  const S = new Float64Array(slots.count * kk);
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) runSums(columns[a], columns[b], slots, S, kk, a * k + b);
  for (let off = 0; off < S.length; off += kk) {
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) S[off + a * k + b] = S[off + b * k + a];
  }
  return S;
}

/** out[cluster · stride + at] += Σ x[i]·y[i] over each run of the cluster's rows. */
function runSums(x: NumericArray, y: NumericArray, slots: ClusterSlots, out: Float64Array, stride: number, at: number): void {
  const { runStart, runCluster } = slots;
  for (let r = 0; r < runCluster.length; r++) {
    let v = 0;
    for (let i = runStart[r]; i < runStart[r + 1]; i++) v += x[i] * y[i];
    out[runCluster[r] * stride + at] += v;
  }
}

/** X'X as the sum of the clusters' blocks. */
export function sumBlocks(S: Float64Array, k: number): Matrix {
  const kk = k * k;
  const out = new Float64Array(kk);
  for (let off = 0; off < S.length; off += kk) for (let a = 0; a < kk; a++) out[a] += S[off + a];
  return Matrix.from1DArray(k, k, out);
}
