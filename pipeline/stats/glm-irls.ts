// Iteratively reweighted least squares for the two canonical-link GLMs the pipeline needs
// (Poisson/log with offset, binomial/logit). Returns the estimates and the inverse Fisher
// information; non-convergence (e.g. separation, all-zero groups) throws StatsInputError.
// The fit runs on design columns (one Float64Array per predictor): a logistic model of a
// hundred thousand respondents as row arrays re-allocated each iteration cost seconds of
// garbage collection. Every sum runs over the observations in order, as the row form did.

import { Matrix } from 'ml-matrix';
import { StatsInputError } from './errors.js';
import { addScaledColumn, invertFullRank, matVec } from './linear-algebra.js';
import type { NumericArray } from './validate.js';

export type GlmFamily = 'poisson' | 'binomial';

export type GlmFit = {
  beta: number[];
  /** Fitted means (rates × exposure, or probabilities). */
  mu: Float64Array;
  /** Inverse of the Fisher information X'WX at the estimate (the model-based covariance). */
  informationInverse: Matrix;
  deviance: number;
  iterations: number;
};

const MAX_ITER = 100;
const TOL = 1e-12;

function xlogx(y: number, mu: number): number {
  return y === 0 ? 0 : y * Math.log(y / mu);
}

function deviance(family: GlmFamily, y: Float64Array, mu: Float64Array): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    d += family === 'poisson' ? 2 * (xlogx(y[i], mu[i]) - (y[i] - mu[i])) : 2 * (xlogx(y[i], mu[i]) + xlogx(1 - y[i], 1 - mu[i]));
  }
  return d;
}

function inverseLink(family: GlmFamily, eta: number): number {
  return family === 'poisson' ? Math.exp(eta) : 1 / (1 + Math.exp(-eta));
}

/** The row form: X as one array per observation (small designs such as one row per organization). */
export function fitGlm(family: GlmFamily, y: readonly number[], X: readonly (readonly number[])[], offset?: readonly number[]): GlmFit {
  const k = X[0]?.length ?? 0;
  const columns = Array.from({ length: k }, (_, a) => Float64Array.from(X, (row) => row[a]));
  return fitGlmColumns(family, Float64Array.from(y), columns, offset === undefined ? undefined : Float64Array.from(offset));
}

export function fitGlmColumns(family: GlmFamily, yIn: NumericArray, X: readonly Float64Array[], offset?: Float64Array): GlmFit {
  const y = yIn instanceof Float64Array ? yIn : Float64Array.from(yIn);
  const n = y.length;
  const off = offset ?? new Float64Array(n);
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  startingValues(family, y, mu, eta);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  let beta: number[] = [];
  let dev = deviance(family, y, mu);
  const diverged = (reason: string): StatsInputError =>
    new StatsInputError(
      `the ${family} GLM did not converge (${reason}): a coefficient is diverging, usually because ` +
        (family === 'binomial' ? 'a predictor separates the 0s from the 1s' : 'a group has no events'),
    );
  for (let iter = 1; iter <= MAX_ITER; iter++) {
    // Canonical links: working weight = variance function, working response z = η − offset + (y − μ)/w.
    workingWeights(family, mu, w);
    if (!allPositiveFinite(w)) throw diverged(`fitted values reached the boundary at iteration ${iter}`);
    workingResponse(eta, off, y, mu, w, z);
    const info = weightedCrossProduct(X, w);
    const next = matVec(invertFullRank(info, "the weighted design X'WX"), weightedCrossVector(X, z, w));
    linearPredictor(X, next, off, eta);
    fittedMeans(family, eta, mu);
    const newDev = deviance(family, y, mu);
    const change = beta.length === 0 ? Infinity : Math.max(...next.map((b, j) => Math.abs(b - beta[j]) / (Math.abs(b) + 0.1)));
    beta = next;
    if (!Number.isFinite(newDev) || beta.some((b) => !Number.isFinite(b))) break;
    if (Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1) < TOL && change < 1e-8) {
      return finish(family, X, beta, mu, newDev, iter);
    }
    dev = newDev;
  }
  throw diverged(`no convergence within ${MAX_ITER} iterations`);
}

// Each pass over the observations is a function of its own: V8 optimizes a long loop while
// it runs, and a later loop in the same function then has no type feedback, which threw the
// optimized code away again and again (and boxed every double meanwhile).

/** Starting values as in R's glm(): mu = y + 0.1 (Poisson), (y + 0.5) / 2 (binomial). */
function startingValues(family: GlmFamily, y: Float64Array, mu: Float64Array, eta: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    const m = family === 'poisson' ? y[i] + 0.1 : (y[i] + 0.5) / 2;
    mu[i] = m;
    eta[i] = family === 'poisson' ? Math.log(m) : Math.log(m / (1 - m));
  }
}

function allPositiveFinite(w: Float64Array): boolean {
  for (let i = 0; i < w.length; i++) if (!(w[i] > 0) || !Number.isFinite(w[i])) return false;
  return true;
}

/** Canonical links: working response z = η − offset + (y − μ)/w. */
function workingResponse(eta: Float64Array, off: Float64Array, y: Float64Array, mu: Float64Array, w: Float64Array, z: Float64Array): void {
  for (let i = 0; i < z.length; i++) z[i] = eta[i] - off[i] + (y[i] - mu[i]) / w[i];
}

/**
 * η = Xβ + offset, column by column (each row still adds its terms in coefficient order: the
 * same bits as a row at a time), in tight loops over one column each.
 */
function linearPredictor(X: readonly Float64Array[], beta: readonly number[], off: Float64Array, eta: Float64Array): void {
  eta.fill(0);
  for (let a = 0; a < X.length; a++) addScaledColumn(eta, X[a], beta[a]);
  addTo(eta, off);
}

function addTo(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] += x[i];
}

function fittedMeans(family: GlmFamily, eta: Float64Array, mu: Float64Array): void {
  for (let i = 0; i < eta.length; i++) mu[i] = inverseLink(family, eta[i]);
}

function workingWeights(family: GlmFamily, mu: Float64Array, w: Float64Array): void {
  for (let i = 0; i < mu.length; i++) w[i] = family === 'poisson' ? mu[i] : mu[i] * (1 - mu[i]);
}

/** X'WX (K×K): entry (a, b) sums (x_ia·w_i)·x_ib over the observations in order. */
function weightedCrossProduct(X: readonly Float64Array[], w: Float64Array): Matrix {
  const k = X.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const ca = X[a];
    for (let b = a; b < k; b++) {
      const cb = X[b];
      out[a * k + b] = out[b * k + a] = weightedDot(ca, w, cb);
    }
  }
  return Matrix.from1DArray(k, k, out);
}

/** X'Wz: entry a sums x_ia·(w_i·z_i) over the observations in order. */
function weightedCrossVector(X: readonly Float64Array[], z: Float64Array, w: Float64Array): number[] {
  return X.map((c) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) s += c[i] * (w[i] * z[i]);
    return s;
  });
}

/** Σ a_i·w_i·b_i in order. */
function weightedDot(a: Float64Array, w: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += a[i] * w[i] * b[i];
  return s;
}

function finish(family: GlmFamily, X: readonly Float64Array[], beta: number[], mu: Float64Array, dev: number, iterations: number): GlmFit {
  // Fitted probabilities at 0 or 1 mean the logit MLE is at infinity even if the deviance settled.
  // (A diverging Poisson coefficient shows up as non-convergence instead: small fitted counts
  // can be legitimate when exposures are small.)
  const eps = 1e-10;
  if (family === 'binomial' && atBoundary(mu, eps)) {
    throw new StatsInputError(
      'fitted probabilities of 0 or 1 occurred: the outcome is (quasi-)separated by the predictors, so the logit coefficients are not finite',
    );
  }
  const w = new Float64Array(mu.length);
  workingWeights(family, mu, w);
  const informationInverse = invertFullRank(weightedCrossProduct(X, w), "the Fisher information X'WX");
  return { beta, mu, informationInverse, deviance: dev, iterations };
}

/** Whether a fitted probability is within eps of 0 or 1 (a loop: some() calls back per element). */
function atBoundary(mu: Float64Array, eps: number): boolean {
  for (let i = 0; i < mu.length; i++) if (mu[i] < eps || mu[i] > 1 - eps) return true;
  return false;
}
