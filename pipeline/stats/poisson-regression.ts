// Poisson GLM (log link) with a log-exposure offset, fitted by IRLS, with model-based
// Wald SEs, z tests and CIs, plus exp(estimate) rate ratios. Matches R
// glm(y ~ X - 1 + offset(log(e)), family = poisson) and its summary/confint.default.

import type { Coefficient } from './coefficient-table.js';
import { coefficientTable, defaultNames } from './coefficient-table.js';
import { StatsInputError } from './errors.js';
import { fitGlm } from './glm-irls.js';
import { assertDesign, assertSameLength } from './validate.js';

export type PoissonCoefficient = Coefficient & {
  rateRatio: number;
  rateRatioCiLow: number;
  rateRatioCiHigh: number;
};

export type PoissonRegressionResult = {
  n: number;
  k: number;
  coefficients: PoissonCoefficient[];
  deviance: number;
  residualDf: number;
  iterations: number;
  vcov: number[][];
};

export function poissonRegression(
  y: readonly number[],
  exposure: readonly number[],
  X: readonly (readonly number[])[],
  names?: readonly string[],
  level = 0.95,
): PoissonRegressionResult {
  const n = y.length;
  const k = assertDesign(X, n);
  assertSameLength(y, exposure, 'y and exposure');
  y.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) throw new StatsInputError(`y[${i}] is ${v}; Poisson counts must be non-negative integers`);
  });
  exposure.forEach((v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new StatsInputError(`exposure[${i}] is ${v}; exposures must be positive (the offset is log exposure)`);
    }
  });
  // n = k is allowed: a saturated Poisson model (e.g. one row per group) still has Wald SEs.
  if (n < k) throw new StatsInputError(`the Poisson model has fewer observations (${n}) than coefficients (${k})`);
  if (y.every((v) => v === 0)) throw new StatsInputError('all counts are 0, so no rate can be estimated');
  const fit = fitGlm('poisson', y, X, exposure.map(Math.log));
  const table = coefficientTable(defaultNames(k, names), fit.beta, fit.informationInverse, { distribution: 'normal' }, level);
  return {
    n,
    k,
    coefficients: table.map((c) => ({
      ...c,
      rateRatio: Math.exp(c.estimate),
      rateRatioCiLow: Math.exp(c.ciLow),
      rateRatioCiHigh: Math.exp(c.ciHigh),
    })),
    deviance: fit.deviance,
    residualDf: n - k,
    iterations: fit.iterations,
    vcov: fit.informationInverse.to2DArray(),
  };
}
