// CR1 cluster-robust covariance: bread · (Σ_g s_g s_gᵀ) · bread, times the Stata/statsmodels
// small-sample factor G/(G−1) · (N−1)/(N−K). s_g is the sum of per-observation scores in cluster g.

import { Matrix } from 'ml-matrix';
import { StatsInputError } from './errors.js';

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
 * @param scores per-observation score rows (x_i·e_i for OLS, x_i·(y_i − p_i) for logit)
 * @param bread inverse of X'X (OLS) or of the Fisher information X'WX (GLM)
 */
export function cr1Covariance(
  scores: readonly (readonly number[])[],
  bread: Matrix,
  clusters: readonly ClusterId[],
): { vcov: Matrix; nClusters: number } {
  const n = scores.length;
  const k = bread.rows;
  const groups = clusterIndex(clusters);
  const g = groups.size;
  if (g < 2) {
    throw new StatsInputError(
      `cluster-robust standard errors need at least 2 clusters (got ${g}); with one cluster the between-cluster variance is not estimable`,
    );
  }
  if (n <= k) throw new StatsInputError(`CR1 needs more observations (${n}) than coefficients (${k})`);
  const meat = Matrix.zeros(k, k);
  for (const idx of groups.values()) {
    const s = new Array<number>(k).fill(0);
    for (const i of idx) for (let a = 0; a < k; a++) s[a] += scores[i][a];
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat.set(a, b, meat.get(a, b) + s[a] * s[b]);
  }
  const factor = (g / (g - 1)) * ((n - 1) / (n - k));
  const vcov = bread.mmul(meat).mmul(bread).mul(factor);
  return { vcov, nClusters: g };
}
