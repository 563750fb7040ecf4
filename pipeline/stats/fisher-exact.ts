// Fisher's exact test for an r×c table by enumerating every table with the observed margins.
// Two-sided p as R fisher.test: sum of P(table) over tables with P <= P(observed)·(1 + 1e-7).
// Table probabilities are chained hypergeometric pmfs (cell by cell, row by row).

import hypergeometric from '@stdlib/stats-base-dists-hypergeometric';
import { tableMargins } from './contingency.js';
import { StatsInputError } from './errors.js';

export type FisherExact = { p: number; observedProbability: number; tablesEnumerated: number };

/** Default cap: enumeration stops with StatsInputError beyond this many tables (about 1 s). */
export const FISHER_MAX_TABLES = 1_000_000;

export function fisherExact(
  table: readonly (readonly number[])[],
  options: { maxTables?: number } = {},
): FisherExact {
  const maxTables = options.maxTables ?? FISHER_MAX_TABLES;
  const { rowTotals, colTotals, total } = tableMargins(table);
  const r = rowTotals.length;
  const c = colTotals.length;
  // Filling row i: draw rowTotals[i] items from the `remaining` not yet placed, whose column
  // counts are colLeft; cell j is hypergeometric given the cells before it in the row.
  const logProb = (cells: readonly (readonly number[])[]): number => {
    let lp = 0;
    const colLeft = [...colTotals];
    let remaining = total;
    for (let i = 0; i < r - 1; i++) {
      let pop = remaining;
      let draws = rowTotals[i];
      for (let j = 0; j < c - 1; j++) {
        lp += hypergeometric.logpmf(cells[i][j], pop, colLeft[j], draws);
        pop -= colLeft[j];
        draws -= cells[i][j];
      }
      for (let j = 0; j < c; j++) colLeft[j] -= cells[i][j];
      remaining -= rowTotals[i];
    }
    return lp;
  };
  const logObserved = logProb(table);
  const threshold = logObserved + Math.log1p(1e-7);
  let p = 0;
  let count = 0;
  const cells = Array.from({ length: r }, () => new Array<number>(c).fill(0));
  const colLeft = [...colTotals];

  // Recursion over cells; the last column of each row and the whole last row are forced.
  const visit = (i: number, j: number, rowLeft: number, logAcc: number, pop: number, remaining: number): void => {
    if (i === r - 1) {
      count++;
      if (count > maxTables) {
        throw new StatsInputError(
          `Fisher's exact test would enumerate more than ${maxTables} tables; the table is too large for exact enumeration, use the chi-square test`,
        );
      }
      if (logAcc <= threshold) p += Math.exp(logAcc);
      return;
    }
    if (j === c - 1) {
      cells[i][j] = rowLeft;
      colLeft[j] -= rowLeft;
      const nextRemaining = remaining - rowTotals[i];
      visit(i + 1, 0, rowTotals[i + 1], logAcc, nextRemaining, nextRemaining);
      colLeft[j] += rowLeft;
      return;
    }
    const k = colLeft[j];
    const lo = Math.max(0, rowLeft - (pop - k));
    const hi = Math.min(rowLeft, k);
    for (let v = lo; v <= hi; v++) {
      cells[i][j] = v;
      colLeft[j] -= v;
      visit(i, j + 1, rowLeft - v, logAcc + hypergeometric.logpmf(v, pop, k, rowLeft), pop - k, remaining);
      colLeft[j] += v;
    }
  };
  visit(0, 0, rowTotals[0], 0, total, total);
  return { p: Math.min(1, p), observedProbability: Math.exp(logObserved), tablesEnumerated: count };
}
