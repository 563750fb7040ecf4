// Ordinary least squares with classical and CR1 cluster-robust standard errors. Matches
// statsmodels OLS.fit(cov_type='cluster', cov_kwds={groups, use_correction: True,
// df_correction: True}, use_t=True): CR1 factor G/(G−1)·(N−1)/(N−K), t tests on G−1 df.

import type { Matrix } from 'ml-matrix';
import type { Coefficient } from './coefficient-table.js';
import { coefficientTable, defaultNames } from './coefficient-table.js';
import type { ClusterId } from './cluster-robust.js';
import { cr1CovarianceColumns } from './cluster-robust.js';
import { StatsInputError } from './errors.js';
import { crossProductColumns, crossVectorColumns, invertFullRank, matVec } from './linear-algebra.js';
import { assertDesign, assertFiniteArray, assertSameLength, type NumericArray } from './validate.js';

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
  const columns = Array.from({ length: k }, (_, a) => Float64Array.from(X, (row) => row[a]));
  return olsClusteredColumns(y, columns, clusters, names, level);
}

/**
 * The same fit from design columns (one Float64Array per predictor, intercept included):
 * the pipeline's form, which builds no row array per respondent. Sums run in the same
 * order as the row form, so both give the same bits.
 */
export function olsClusteredColumns(
  y: NumericArray,
  X: readonly NumericArray[],
  clusters: ArrayLike<ClusterId>,
  names?: readonly string[],
  level = 0.95,
): OlsClusteredResult {
  assertFiniteArray(y, 'y', 2);
  const k = X.length;
  if (k === 0) throw new StatsInputError('X has no columns; include at least an intercept column of 1s');
  X.forEach((c, a) => {
    if (c.length !== y.length) throw new StatsInputError(`X column ${a} has ${c.length} values but the outcome has ${y.length}`);
    assertFiniteArray(c, `X column ${a}`, 0);
  });
  assertSameLength(y, clusters, 'y and clusters');
  const n = y.length;
  const labels = defaultNames(k, names);
  if (n <= k) {
    throw new StatsInputError(`OLS needs more observations (${n}) than coefficients (${k}) to estimate the residual variance`);
  }
  const xtxInv = invertFullRank(crossProductColumns(X), "the design matrix X'X");
  const beta = matVec(xtxInv, crossVectorColumns(X, y));
  const residuals = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let a = 0; a < k; a++) fitted += X[a][i] * beta[a];
    residuals[i] = y[i] - fitted;
    rss += residuals[i] * residuals[i];
  }
  const residualDf = n - k;
  const sigma2 = rss / residualDf;
  if (!(sigma2 > 0)) {
    throw new StatsInputError('the model fits the outcome exactly (residual variance 0), so standard errors are not estimable');
  }
  const vcovClassical = xtxInv.clone().mul(sigma2);
  const { vcov, nClusters } = cr1CovarianceColumns(X, residuals, xtxInv, clusters);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i];
  const yBar = sum / n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (y[i] - yBar) ** 2;
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
