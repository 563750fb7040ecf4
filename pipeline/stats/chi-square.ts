// Pearson chi-square test of independence for an r×c table, without continuity correction
// (R chisq.test(table, correct = FALSE)), flagging expected counts under 5 so the caller
// can switch to fisherExact.

import { chiSquareUpperP } from './distributions.js';
import { tableMargins } from './contingency.js';

export type ChiSquareIndependence = {
  statistic: number;
  df: number;
  p: number;
  expected: number[][];
  /** True when any expected count is below 5 (the usual rule for preferring an exact test). */
  anyExpectedBelow5: boolean;
  minExpected: number;
};

export function chiSquareIndependence(table: readonly (readonly number[])[]): ChiSquareIndependence {
  const { rowTotals, colTotals, total } = tableMargins(table);
  const expected = rowTotals.map((ri) => colTotals.map((cj) => (ri * cj) / total));
  let statistic = 0;
  table.forEach((row, i) => row.forEach((o, j) => (statistic += (o - expected[i][j]) ** 2 / expected[i][j])));
  const df = (rowTotals.length - 1) * (colTotals.length - 1);
  const minExpected = Math.min(...expected.flat());
  return { statistic, df, p: chiSquareUpperP(statistic, df), expected, anyExpectedBelow5: minExpected < 5, minExpected };
}
