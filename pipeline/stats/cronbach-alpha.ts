// Cronbach's alpha (raw, from item and total-score variances) on listwise-complete respondents,
// with Feldt's (1965) F-based CI: 1 − (1 − α)·F_{1−a/2} and 1 − (1 − α)·F_{a/2} on
// (n − 1, (n − 1)(k − 1)) df — the "Feldt" bounds of R psych::alpha / psych::alpha.ci.

import fDist from '@stdlib/stats-base-dists-f';
import { sampleVariance } from 'simple-statistics';
import { StatsInputError } from './errors.js';
import { assertLevel } from './validate.js';

export type CronbachAlpha = {
  alpha: number;
  /** Respondents with every item answered (listwise deletion). */
  n: number;
  nDropped: number;
  nItems: number;
  ciLow: number;
  ciHigh: number;
};

export function cronbachAlpha(items: readonly (readonly (number | null)[])[], level = 0.95): CronbachAlpha {
  assertLevel(level);
  const k = items[0]?.length ?? 0;
  if (k < 2) throw new StatsInputError(`alpha needs at least 2 items (got ${k})`);
  items.forEach((row, i) => {
    if (row.length !== k) throw new StatsInputError(`items row ${i} has ${row.length} entries, expected ${k}`);
  });
  const complete = items.filter((row): row is number[] => row.every((v) => v !== null && Number.isFinite(v)));
  const n = complete.length;
  if (n < 3) throw new StatsInputError(`alpha needs at least 3 complete respondents (got ${n} after listwise deletion)`);
  const itemVar = Array.from({ length: k }, (_, j) => sampleVariance(complete.map((row) => row[j])));
  const totalVar = sampleVariance(complete.map((row) => row.reduce((s, v) => s + v, 0)));
  if (!(totalVar > 0)) throw new StatsInputError('the total score has zero variance, so alpha is undefined');
  const alpha = (k / (k - 1)) * (1 - itemVar.reduce((s, v) => s + v, 0) / totalVar);
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  const a = 1 - level;
  return {
    alpha,
    n,
    nDropped: items.length - n,
    nItems: k,
    ciLow: 1 - (1 - alpha) * fDist.quantile(1 - a / 2, df1, df2),
    ciHigh: 1 - (1 - alpha) * fDist.quantile(a / 2, df1, df2),
  };
}
