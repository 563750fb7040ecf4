// Ordinary least squares with classical, CR1 and CR2 cluster-robust standard errors. CR1
// matches statsmodels OLS.fit(cov_type='cluster', cov_kwds={groups, use_correction: True,
// df_correction: True}, use_t=True): factor G/(G−1)·(N−1)/(N−K), t tests on G−1 df. CR2
// matches R clubSandwich (vcovCR type "CR2", Satterthwaite df per coefficient): see cr2.ts.

import type { Matrix } from 'ml-matrix';
import type { Coefficient } from './coefficient-table.js';
import { clusterCoefficientTable, coefficientTable, defaultNames } from './coefficient-table.js';
import type { ClusterId } from './cluster-robust.js';
import { clusterCrossProducts, clusterScoreSums, clusterSlots, cr1FromSums, sumBlocks } from './cluster-robust.js';
import { cr2Satterthwaite } from './cr2.js';
import { StatsInputError } from './errors.js';
import { addScaledColumn, crossVectorColumns, invertFullRank, matVec } from './linear-algebra.js';
import { plainSum } from './moments.js';
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
  /** CR1 cluster-robust SEs, t tests on G − 1 df; null as in cr2. */
  clustered: (Coefficient | null)[];
  /**
   * CR2 (Bell–McCaffrey) SEs, t tests on each coefficient's Satterthwaite df; null for a
   * coefficient fitted by one cluster alone, whose variance the clusters leave unidentified
   * (read a coefficient with `identified`, which turns that into a StatsInputError).
   */
  cr2: (Coefficient | null)[];
  vcovClassical: number[][];
  vcovClustered: number[][];
  vcovCr2: number[][];
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
  // The clusters' X_gᵀX_g blocks serve CR2 and, summed, are X'X: one pass over the rows for both.
  const slots = clusterSlots(clusters);
  const blocks = clusterCrossProducts(X, slots);
  const xtxInv = invertFullRank(sumBlocks(blocks, k), "the design matrix X'X");
  // The clusters' score sums add up to Xᵀe = 0, so the cluster-robust variance has rank at most
  // G − 1: with no more clusters than coefficients some combination of them gets a variance of
  // 0, and what is left of each coefficient's variance is rounding (it changed with row order).
  if (slots.count >= 2 && slots.count <= k) {
    throw new StatsInputError(`cluster-robust standard errors need more clusters (${slots.count}) than coefficients (${k}): too few clusters carry information about the model`);
  }
  const beta = matVec(xtxInv, crossVectorColumns(X, y));
  const residuals = new Float64Array(n);
  const rss = residualsOf(y, X, beta, residuals);
  const residualDf = n - k;
  const sigma2 = rss / residualDf;
  if (!(sigma2 > 0)) {
    throw new StatsInputError('the model fits the outcome exactly (residual variance 0), so standard errors are not estimable');
  }
  const vcovClassical = xtxInv.clone().mul(sigma2);
  const scores = clusterScoreSums(X, residuals, slots);
  const { vcov, nClusters } = cr1FromSums(scores, slots.count, n, xtxInv);
  // A cluster-robust SE below 1e-10 of the classical one is the rounding of a true 0.
  const floors = beta.map((_, j) => 1e-20 * vcovClassical.get(j, j));
  const cr2 = cr2Satterthwaite(blocks, scores, nClusters, n, xtxInv, beta, labels, floors, level);
  const tss = totalSumOfSquares(y);
  return {
    n,
    nClusters,
    k,
    residualDf,
    sigma: Math.sqrt(sigma2),
    rSquared: tss > 0 ? 1 - rss / tss : 0,
    classical: coefficientTable(labels, beta, vcovClassical, { distribution: 't', df: residualDf }, level),
    clustered: clusterCoefficientTable(labels, beta, vcov, () => ({ distribution: 't', df: nClusters - 1 }), floors, level),
    cr2: cr2.coefficients,
    vcovClassical: toArray(vcovClassical),
    vcovClustered: toArray(vcov),
    vcovCr2: toArray(cr2.vcov),
  };
}

// The passes over the observations are functions of their own: V8 optimizes a long loop while
// it runs, and a later loop in the same function then has no type feedback, which threw the
// optimized code away on every call.

/**
 * Residuals y − Xβ into `out`, and their sum of squares. Fitted values column by column (each
 * row still adds its terms in coefficient order, so the same bits as a row at a time).
 */
function residualsOf(y: NumericArray, X: readonly NumericArray[], beta: readonly number[], out: Float64Array): number {
  for (let a = 0; a < X.length; a++) addScaledColumn(out, X[a], beta[a]);
  return subtractFrom(y, out);
}

/** out ← y − out; returns Σ out². */
function subtractFrom(y: NumericArray, out: Float64Array): number {
  let rss = 0;
  for (let i = 0; i < out.length; i++) {
    const e = y[i] - out[i];
    out[i] = e;
    rss += e * e;
  }
  return rss;
}

/** Σ (y − ȳ)², ȳ a plain sum in index order. */
function totalSumOfSquares(y: NumericArray): number {
  return squaresAbout(y, plainSum(y) / y.length);
}

function squaresAbout(y: NumericArray, m: number): number {
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i] - m) ** 2;
  return ss;
}
