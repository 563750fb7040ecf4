// Types for row-columns.mjs (plain JavaScript, shared with the column reader threads).

/**
 * How a selected column becomes a column: `number` keeps numbers and makes anything else
 * NaN; `numeric` converts with Number() (for integers a driver sends as strings; null is 0);
 * `distinct` keeps only the set of distinct values; `text` keeps every value as it came, one
 * per row; `runs` keeps each run of equal values in consecutive rows with its length (for
 * rows grouped by a key: a wave's rows by organization).
 */
export type ColumnKind = 'number' | 'numeric' | 'distinct' | 'text' | 'runs';

export interface ColumnSpec {
  /** The column's name in the query's result; its position in the list is its position in a row. */
  name: string;
  kind: ColumnKind;
}

export interface Columns {
  rows: number;
  /** The `number` and `numeric` columns, one value per row. */
  numbers: Record<string, Float64Array>;
  /** The `distinct` columns: each value once, in order of first appearance. */
  distinct: Record<string, unknown[]>;
  /** The `text` columns, one value per row. */
  texts: Record<string, unknown[]>;
  /** The `runs` columns: each run of equal values in consecutive rows, in row order. */
  runs: Record<string, { value: unknown; count: number }[]>;
}

export function rowsToColumns(rows: readonly unknown[], columns: readonly ColumnSpec[]): Columns;
export function buffersOf(columns: Columns): ArrayBuffer[];
