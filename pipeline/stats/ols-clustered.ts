// Ordinary least squares with classical and CR1 cluster-robust standard errors. Matches
// statsmodels OLS.fit(cov_type='cluster', cov_kwds={groups, use_correction: True,
// df_correction: True}, use_t=True): CR1 factor G/(G−1)·(N−1)/(N−K), t tests on G−1 df.

import type { Matrix } from 'ml-matrix';
import type { Coefficient } from './coefficient-table.js';
import { coefficientTable, defaultNames } from './coefficient-table.js';
import type { ClusterId } from './cluster-robust.js';
import { cr1Covariance } from './cluster-robust.js';
import { StatsInputError } from './errors.js';
import { invertFullRank, matVec, weightedCrossProduct, weightedCrossVector, dot } from './linear-algebra.js';
import { assertDesign, assertFiniteArray, assertSameLength } from './validate.js';

export type OlsClusteredResult = {
  n: number;
  nClusters: number;
  /** Number of coefficients K. */
  k: number;
  residualDf: number;
  /** Residual standard deviation sqrt(RSS / (N − K)). */
  sigma: number;
  rSquared: number;
  /** Classical (homoskedastic) SEs, t tests on N − K df. */
  classical: Coefficient[];
  /** CR1 cluster-robust SEs, t tests on G − 1 df. */
  clustered: Coefficient[];
  vcovClassical: number[][];
  vcovClustered: number[][];
};

function toArray(m: Matrix): number[][] {
  return m.to2DArray();
}

export function olsClustered(
  y: readonly number[],
  X: readonly (readonly number[])[],
  clusters: readonly ClusterId[],
  names?: readonly string[],
  level = 0.95,
): OlsClusteredResult {
  assertFiniteArray(y, 'y', 2);
  const k = assertDesign(X, y.length);
  assertSameLength(y, clusters, 'y and clusters');
  const n = y.length;
  const labels = defaultNames(k, names);
  if (n <= k) {
    throw new StatsInputError(`OLS needs more observations (${n}) than coefficients (${k}) to estimate the residual variance`);
  }
  const xtxInv = invertFullRank(weightedCrossProduct(X), "the design matrix X'X");
  const beta = matVec(xtxInv, weightedCrossVector(X, y));
  const residuals = X.map((row, i) => y[i] - dot(row, beta));
  const rss = dot(residuals, residuals);
  const residualDf = n - k;
  const sigma2 = rss / residualDf;
  if (!(sigma2 > 0)) {
    throw new StatsInputError('the model fits the outcome exactly (residual variance 0), so standard errors are not estimable');
  }
  const vcovClassical = xtxInv.clone().mul(sigma2);
  const scores = X.map((row, i) => row.map((v) => v * residuals[i]));
  const { vcov, nClusters } = cr1Covariance(scores, xtxInv, clusters);
  const yBar = y.reduce((s, v) => s + v, 0) / n;
  const tss = y.reduce((s, v) => s + (v - yBar) ** 2, 0);
  return {
    n,
    nClusters,
    k,
    residualDf,
    sigma: Math.sqrt(sigma2),
    rSquared: tss > 0 ? 1 - rss / tss : 0,
    classical: coefficientTable(labels, beta, vcovClassical, { distribution: 't', df: residualDf }, level),
    clustered: coefficientTable(labels, beta, vcov, { distribution: 't', df: nClusters - 1 }, level),
    vcovClassical: toArray(vcovClassical),
    vcovClustered: toArray(vcov),
  };
}
