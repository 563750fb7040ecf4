// Types for statement-rows.mjs (plain JavaScript, shared with the column reader threads).
import type { Statement } from 'better-sqlite3';

/** Which parameter (by position) to set to each of `values` in turn. */
export interface Each {
  at: number;
  values: readonly unknown[];
}

/** The rows, and with `each` how many came for each value. */
export function statementRows(statement: Statement, parameters: readonly unknown[], each: Each | undefined): { rows: unknown[][]; counts?: number[] };
