// Validation and margins for r×c tables of counts, shared by the chi-square and Fisher tests.

import { StatsInputError } from './errors.js';

export type Margins = { rowTotals: number[]; colTotals: number[]; total: number };

export function tableMargins(table: readonly (readonly number[])[], name = 'table'): Margins {
  const r = table.length;
  const c = table[0]?.length ?? 0;
  if (r < 2 || c < 2) throw new StatsInputError(`${name} is ${r}×${c}; a test of independence needs at least 2 rows and 2 columns`);
  table.forEach((row, i) => {
    if (row.length !== c) throw new StatsInputError(`${name} row ${i} has ${row.length} cells, expected ${c}`);
    row.forEach((v, j) => {
      if (!Number.isInteger(v) || v < 0) throw new StatsInputError(`${name}[${i}][${j}] is ${v}; cells must be non-negative integer counts`);
    });
  });
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = Array.from({ length: c }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const emptyRow = rowTotals.indexOf(0);
  const emptyCol = colTotals.indexOf(0);
  if (emptyRow >= 0 || emptyCol >= 0) {
    throw new StatsInputError(
      `${name} has an empty ${emptyRow >= 0 ? `row ${emptyRow}` : `column ${emptyCol}`}; drop empty categories before testing (its expected counts would be 0)`,
    );
  }
  return { rowTotals, colTotals, total: rowTotals.reduce((s, v) => s + v, 0) };
}
