// Cronbach's alpha (raw, from item and total-score variances) on listwise-complete respondents,
// with Feldt's (1965) F-based CI: 1 − (1 − α)·F_{1−a/2} and 1 − (1 − α)·F_{a/2} on
// (n − 1, (n − 1)(k − 1)) df — the "Feldt" bounds of R psych::alpha / psych::alpha.ci.
// Three entry points, one computation: rows (respondent × item, null missing) for callers with
// small tables; item columns (NaN missing), where a million rows as arrays of arrays cost
// seconds of garbage collection; and whole-number answer columns with the complete
// respondents' indices, which the pipeline reads in place, copying nothing.

import fDist from '@stdlib/stats-base-dists-f';
import { StatsInputError } from './errors.js';
import { plainSum, sampleVarianceOf, squaredDeviations } from './moments.js';
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
  const k = items[0]?.length ?? 0;
  if (k < 2) throw new StatsInputError(`alpha needs at least 2 items (got ${k})`);
  items.forEach((row, i) => {
    if (row.length !== k) throw new StatsInputError(`items row ${i} has ${row.length} entries, expected ${k}`);
  });
  const columns = Array.from({ length: k }, (_, j) => Float64Array.from(items, (row) => row[j] ?? NaN));
  return cronbachAlphaColumns(columns, level);
}

/** Alpha from item columns of equal length; a non-finite value (NaN) marks a missing answer. */
export function cronbachAlphaColumns(columns: readonly Float64Array[], level = 0.95): CronbachAlpha {
  assertLevel(level);
  const k = columns.length;
  if (k < 2) throw new StatsInputError(`alpha needs at least 2 items (got ${k})`);
  const rows = columns[0].length;
  columns.forEach((c, j) => {
    if (c.length !== rows) throw new StatsInputError(`item column ${j} has ${c.length} entries, expected ${rows}`);
  });
  const complete = (i: number) => {
    for (let j = 0; j < k; j++) if (!Number.isFinite(columns[j][i])) return false;
    return true;
  };
  let n = 0;
  for (let i = 0; i < rows; i++) if (complete(i)) n++;
  if (n < 3) throw new StatsInputError(`alpha needs at least 3 complete respondents (got ${n} after listwise deletion)`);
  // Listwise deletion copies only when something is missing; totals add items in column order.
  const used = n === rows ? columns : columns.map(() => new Float64Array(n));
  const totals = new Float64Array(n);
  for (let i = 0, t = 0; i < rows; i++) {
    if (n !== rows && !complete(i)) continue;
    let total = 0;
    for (let j = 0; j < k; j++) {
      const v = columns[j][i];
      if (n !== rows) used[j][t] = v;
      total += v;
    }
    totals[t++] = total;
  }
  return finish(used, totals, rows, level);
}

/** Alpha and its CI from the complete rows' item columns and totals; `rows` before listwise deletion. */
function finish(used: readonly Float64Array[], totals: Float64Array, rows: number, level: number): CronbachAlpha {
  return fromVariances(used.map((c) => sampleVarianceOf(c)), sampleVarianceOf(totals), totals.length, rows, level);
}

/**
 * Alpha of whole-number answers read straight from their item columns (the extract's Uint8
 * columns) for the respondents `rows`, who answered every item: answer v counts as v, or as
 * flips[j] − v for a reverse-coded item (flips[j] ≠ 0). The numbers cronbachAlphaColumns gives
 * for the recoded columns, bit for bit, without building them: every answer and total is a
 * whole number, so the compensated sums behind the means are exact (in any order, the same
 * sum), and each sum of squared deviations runs over the rows in order, as there.
 */
export function cronbachAlphaItems(columns: readonly Uint8Array[], flips: readonly number[], rows: Int32Array, level = 0.95): CronbachAlpha {
  assertLevel(level);
  const k = columns.length;
  if (k < 2) throw new StatsInputError(`alpha needs at least 2 items (got ${k})`);
  if (flips.length !== k) throw new StatsInputError(`${flips.length} reverse-coding flips for ${k} items`);
  const n = rows.length;
  if (n < 3) throw new StatsInputError(`alpha needs at least 3 complete respondents (got ${n} after listwise deletion)`);
  // Sums of at most 255·k per respondent over at most 2³¹ respondents stay below 2⁵³: exact.
  const totals = new Float64Array(n);
  const itemVar = columns.map((col, j) => {
    const sum = addAnswers(col, flips[j], rows, totals);
    return answerSquaredDeviations(col, flips[j], rows, sum / n) / (n - 1);
  });
  // Exact (whole numbers), so the plain sum is the compensated one; a loop of its own (moments.ts).
  return fromVariances(itemVar, squaredDeviations(totals, plainSum(totals) / n) / (n - 1), n, n, level);
}

/** Σ of the item's answers over `rows` (exact: whole numbers), each also added to its respondent's total. */
function addAnswers(col: Uint8Array, flip: number, rows: Int32Array, totals: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < rows.length; t++) {
    const v = col[rows[t]];
    const x = flip !== 0 ? flip - v : v;
    totals[t] += x;
    sum += x;
  }
  return sum;
}

/** Σ (x − m)² over the item's answers in row order, as squaredDeviations over the recoded column. */
function answerSquaredDeviations(col: Uint8Array, flip: number, rows: Int32Array, m: number): number {
  let sum = 0;
  for (let t = 0; t < rows.length; t++) {
    const v = col[rows[t]];
    const d = (flip !== 0 ? flip - v : v) - m;
    sum += d * d;
  }
  return sum;
}

function fromVariances(itemVar: readonly number[], totalVar: number, n: number, rows: number, level: number): CronbachAlpha {
  const k = itemVar.length;
  if (!(totalVar > 0)) throw new StatsInputError('the total score has zero variance, so alpha is undefined');
  const alpha = (k / (k - 1)) * (1 - itemVar.reduce((s, v) => s + v, 0) / totalVar);
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  const a = 1 - level;
  return {
    alpha,
    n,
    nDropped: rows - n,
    nItems: k,
    ciLow: 1 - (1 - alpha) * fDist.quantile(1 - a / 2, df1, df2),
    ciHigh: 1 - (1 - alpha) * fDist.quantile(a / 2, df1, df2),
  };
}
