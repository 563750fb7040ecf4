// Logistic regression by IRLS with model-based and CR1 cluster-robust SEs. Matches
// statsmodels Logit(y, X).fit(cov_type='cluster', cov_kwds={'groups': g}): sandwich from
// the score x_i(y_i − p_i), factor G/(G−1)·(N−1)/(N−K), z tests by default (statsmodels use_t=False).

import type { Coefficient } from './coefficient-table.js';
import { coefficientTable, defaultNames } from './coefficient-table.js';
import type { ClusterId } from './cluster-robust.js';
import { cr1CovarianceColumns } from './cluster-robust.js';
import { StatsInputError } from './errors.js';
import { fitGlmColumns } from './glm-irls.js';
import { assertDesign, assertFiniteArray, assertSameLength, type NumericArray } from './validate.js';

export type LogisticClusteredOptions = {
  /**
   * 'normal' (default) matches statsmodels' default z tests for cluster-robust Logit;
   * 't' uses Student's t on G − 1 df, as statsmodels with use_t=True and as olsClustered.
   */
  reference?: 'normal' | 't';
  level?: number;
};

export type LogisticClusteredResult = {
  n: number;
  nClusters: number;
  k: number;
  iterations: number;
  /** −2 log-likelihood at the estimate (binary data: deviance). */
  deviance: number;
  /** Model-based (inverse information) SEs with z tests. */
  modelBased: Coefficient[];
  /** CR1 cluster-robust SEs. */
  clustered: Coefficient[];
  vcovClustered: number[][];
};

export function logisticClustered(
  y: readonly number[],
  X: readonly (readonly number[])[],
  clusters: readonly ClusterId[],
  names?: readonly string[],
  options: LogisticClusteredOptions = {},
): LogisticClusteredResult {
  const k = assertDesign(X, y.length);
  assertSameLength(y, clusters, 'y and clusters');
  const columns = Array.from({ length: k }, (_, a) => Float64Array.from(X, (row) => row[a]));
  return logisticClusteredColumns(y, columns, clusters, names, options);
}

/**
 * The same fit from design columns (one Float64Array per predictor, intercept included), the
 * pipeline's form. The cluster score sums take x_ia·(y_i − p_i) as the row form's scores did.
 */
export function logisticClusteredColumns(
  y: NumericArray,
  X: readonly Float64Array[],
  clusters: ArrayLike<ClusterId>,
  names?: readonly string[],
  options: LogisticClusteredOptions = {},
): LogisticClusteredResult {
  const { reference = 'normal', level = 0.95 } = options;
  const n = y.length;
  const k = X.length;
  if (k === 0) throw new StatsInputError('X has no columns; include at least an intercept column of 1s');
  X.forEach((c, a) => {
    if (c.length !== n) throw new StatsInputError(`X column ${a} has ${c.length} values but the outcome has ${n}`);
    assertFiniteArray(c, `X column ${a}`, 0);
  });
  assertSameLength(y, clusters, 'y and clusters');
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new StatsInputError(`y[${i}] is ${y[i]}; a logistic outcome must be 0 or 1`);
  }
  if (n <= k) throw new StatsInputError(`the logistic model needs more observations (${n}) than coefficients (${k})`);
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = y[i] === y[0];
  if (constant) throw new StatsInputError(`every outcome is ${y[0]}, so the log-odds are not finite and the model cannot be fitted`);
  const labels = defaultNames(k, names);
  const fit = fitGlmColumns('binomial', y, X);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = y[i] - fit.mu[i];
  const { vcov, nClusters } = cr1CovarianceColumns(X, residuals, fit.informationInverse, clusters);
  return {
    n,
    nClusters,
    k,
    iterations: fit.iterations,
    deviance: fit.deviance,
    modelBased: coefficientTable(labels, fit.beta, fit.informationInverse, { distribution: 'normal' }, level),
    clustered: coefficientTable(
      labels,
      fit.beta,
      vcov,
      reference === 't' ? { distribution: 't', df: nClusters - 1 } : { distribution: 'normal' },
      level,
    ),
    vcovClustered: vcov.to2DArray(),
  };
}
