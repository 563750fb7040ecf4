// Logistic regression by IRLS with model-based and CR1 cluster-robust SEs. Matches
// statsmodels Logit(y, X).fit(cov_type='cluster', cov_kwds={'groups': g}): sandwich from
// the score x_i(y_i − p_i), factor G/(G−1)·(N−1)/(N−K), z tests by default (statsmodels use_t=False).

import type { Coefficient } from './coefficient-table.js';
import { coefficientTable, defaultNames } from './coefficient-table.js';
import type { ClusterId } from './cluster-robust.js';
import { cr1Covariance } from './cluster-robust.js';
import { StatsInputError } from './errors.js';
import { fitGlm } from './glm-irls.js';
import { assertDesign, assertSameLength } from './validate.js';

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
  const { reference = 'normal', level = 0.95 } = options;
  const n = y.length;
  const k = assertDesign(X, n);
  assertSameLength(y, clusters, 'y and clusters');
  y.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new StatsInputError(`y[${i}] is ${v}; a logistic outcome must be 0 or 1`);
  });
  if (n <= k) throw new StatsInputError(`the logistic model needs more observations (${n}) than coefficients (${k})`);
  if (y.every((v) => v === y[0])) {
    throw new StatsInputError(`every outcome is ${y[0]}, so the log-odds are not finite and the model cannot be fitted`);
  }
  const labels = defaultNames(k, names);
  const fit = fitGlm('binomial', y, X);
  const scores = X.map((row, i) => row.map((v) => v * (y[i] - fit.mu[i])));
  const { vcov, nClusters } = cr1Covariance(scores, fit.informationInverse, clusters);
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
