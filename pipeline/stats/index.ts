// Public surface of the statistics layer: pure functions over plain arrays (or, for the
// pipeline's million-row inputs, Float64Array columns) that either return finite
// estimates or throw StatsInputError for input they cannot estimate from.

export { StatsInputError } from './errors.js';
export { tTwoSidedP, tCritical, normalTwoSidedP, normalCritical, chiSquareUpperP } from './distributions.js';
export type { Coefficient, Reference } from './coefficient-table.js';
export type { ClusterId } from './cluster-robust.js';
export { meanCI } from './mean-ci.js';
export { clusteredMeanCI } from './clustered-mean.js';
export type { ClusteredMeanCI } from './clustered-mean.js';
export type { MeanCI } from './mean-ci.js';
export { welchTTest } from './welch-t-test.js';
export type { WelchTTest } from './welch-t-test.js';
export { hedgesG, hedgesJ } from './hedges-g.js';
export type { HedgesG } from './hedges-g.js';
export { olsClustered, olsClusteredColumns } from './ols-clustered.js';
export type { OlsClusteredResult } from './ols-clustered.js';
export { cr2Satterthwaite } from './cr2.js';
export { identified } from './coefficient-table.js';
export type { Cr2Result } from './cr2.js';
export { poissonRegression } from './poisson-regression.js';
export type { PoissonRegressionResult, PoissonCoefficient } from './poisson-regression.js';
export { rateRatio, binomialTwoSidedP, clopperPearson } from './rate-ratio.js';
export type { RateRatioResult } from './rate-ratio.js';
export { logisticClustered, logisticClusteredColumns } from './logistic-clustered.js';
export type { LogisticClusteredResult, LogisticClusteredOptions } from './logistic-clustered.js';
export { chiSquareIndependence } from './chi-square.js';
export type { ChiSquareIndependence } from './chi-square.js';
export { fisherExact, FISHER_MAX_TABLES } from './fisher-exact.js';
export type { FisherExact } from './fisher-exact.js';
export { cronbachAlpha, cronbachAlphaColumns, cronbachAlphaItems } from './cronbach-alpha.js';
export type { CronbachAlpha } from './cronbach-alpha.js';
export { iccOneWay, iccOneWayGrouped, icc1, icc2 } from './icc.js';
export type { IccResult, IccOptions } from './icc.js';
export { rwgJ, rwgJColumns, meanRwgJ, meanRwgJColumns, uniformNullVariance } from './rwg.js';
export type { MeanRwgJ } from './rwg.js';
export { pearsonCI } from './pearson-ci.js';
export type { PearsonCI } from './pearson-ci.js';
export { survivalRows, normalizeSurvivalRows } from './survival-data.js';
export type { SurvivalRow } from './survival-data.js';
export { kaplanMeier, kaplanMeierFromRecords, survivalAt } from './kaplan-meier.js';
export type { KaplanMeier, KaplanMeierPoint, KmConfType } from './kaplan-meier.js';
export { logRankTest } from './log-rank.js';
export type { LogRankTest } from './log-rank.js';
export { holm } from './holm.js';
