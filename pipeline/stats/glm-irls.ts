// Iteratively reweighted least squares for the two canonical-link GLMs the pipeline needs
// (Poisson/log with offset, binomial/logit). Returns the estimates and the inverse Fisher
// information; non-convergence (e.g. separation, all-zero groups) throws StatsInputError.

import type { Matrix } from 'ml-matrix';
import { StatsInputError } from './errors.js';
import { dot, invertFullRank, matVec, weightedCrossProduct, weightedCrossVector } from './linear-algebra.js';

export type GlmFamily = 'poisson' | 'binomial';

export type GlmFit = {
  beta: number[];
  /** Fitted means (rates × exposure, or probabilities). */
  mu: number[];
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

function deviance(family: GlmFamily, y: readonly number[], mu: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    d += family === 'poisson' ? 2 * (xlogx(y[i], mu[i]) - (y[i] - mu[i])) : 2 * (xlogx(y[i], mu[i]) + xlogx(1 - y[i], 1 - mu[i]));
  }
  return d;
}

function inverseLink(family: GlmFamily, eta: number): number {
  return family === 'poisson' ? Math.exp(eta) : 1 / (1 + Math.exp(-eta));
}

export function fitGlm(
  family: GlmFamily,
  y: readonly number[],
  X: readonly (readonly number[])[],
  offset?: readonly number[],
): GlmFit {
  const n = y.length;
  const off = offset ?? new Array<number>(n).fill(0);
  // Starting values as in R's glm(): mu = y + 0.1 (Poisson), (y + 0.5) / 2 (binomial).
  let mu = y.map((v) => (family === 'poisson' ? v + 0.1 : (v + 0.5) / 2));
  let eta = mu.map((m) => (family === 'poisson' ? Math.log(m) : Math.log(m / (1 - m))));
  let beta: number[] = [];
  let dev = deviance(family, y, mu);
  const diverged = (reason: string): StatsInputError =>
    new StatsInputError(
      `the ${family} GLM did not converge (${reason}): a coefficient is diverging, usually because ` +
        (family === 'binomial' ? 'a predictor separates the 0s from the 1s' : 'a group has no events'),
    );
  for (let iter = 1; iter <= MAX_ITER; iter++) {
    // Canonical links: working weight = variance function, working response z = η − offset + (y − μ)/w.
    const w = mu.map((m) => (family === 'poisson' ? m : m * (1 - m)));
    if (w.some((v) => !(v > 0) || !Number.isFinite(v))) throw diverged(`fitted values reached the boundary at iteration ${iter}`);
    const z = eta.map((e, i) => e - off[i] + (y[i] - mu[i]) / w[i]);
    const info = weightedCrossProduct(X, w);
    const next = matVec(invertFullRank(info, "the weighted design X'WX"), weightedCrossVector(X, z, w));
    eta = X.map((row, i) => dot(row, next) + off[i]);
    mu = eta.map((e) => inverseLink(family, e));
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

function finish(
  family: GlmFamily,
  X: readonly (readonly number[])[],
  beta: number[],
  mu: number[],
  dev: number,
  iterations: number,
): GlmFit {
  // Fitted probabilities at 0 or 1 mean the logit MLE is at infinity even if the deviance settled.
  // (A diverging Poisson coefficient shows up as non-convergence instead: small fitted counts
  // can be legitimate when exposures are small.)
  const eps = 1e-10;
  if (family === 'binomial' && mu.some((m) => m < eps || m > 1 - eps)) {
    throw new StatsInputError(
      'fitted probabilities of 0 or 1 occurred: the outcome is (quasi-)separated by the predictors, so the logit coefficients are not finite',
    );
  }
  const w = mu.map((m) => (family === 'poisson' ? m : m * (1 - m)));
  const informationInverse = invertFullRank(weightedCrossProduct(X, w), "the Fisher information X'WX");
  return { beta, mu, informationInverse, deviance: dev, iterations };
}
