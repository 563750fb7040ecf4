// A mean whose observations are clustered (staff within organizations), with a CR2
// (Bell–McCaffrey) interval on Satterthwaite degrees of freedom: the intercept-only OLS fit,
// as R's clubSandwich computes conf_int(lm(y ~ 1), vcov = "CR2", cluster = g,
// test = "Satterthwaite"). With few organizations the interval is wide, as it should be: a
// t interval on n − 1 df would treat a group's respondents as independent draws.

import { identified } from './coefficient-table.js';
import type { ClusterId } from './cluster-robust.js';
import { StatsInputError } from './errors.js';
import { olsClusteredColumns } from './ols-clustered.js';
import type { NumericArray } from './validate.js';

export type ClusteredMeanCI = { n: number; nClusters: number; mean: number; se: number; df: number; ciLow: number; ciHigh: number };

export function clusteredMeanCI(y: NumericArray, clusters: ArrayLike<ClusterId>, level = 0.95): ClusteredMeanCI {
  const fit = olsClusteredColumns(y, [new Float64Array(y.length).fill(1)], clusters, ['mean'], level);
  if (fit.nClusters < 2) throw new StatsInputError(`a cluster-robust interval needs at least 2 organizations (got ${fit.nClusters})`);
  const c = identified(fit.cr2, 0, 'mean');
  return { n: fit.n, nClusters: fit.nClusters, mean: c.estimate, se: c.se, df: c.df as number, ciLow: c.ciLow, ciHigh: c.ciHigh };
}
