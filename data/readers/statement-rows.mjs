// @ts-check
// A SQLite statement's rows in raw (array) mode, on this thread or a column reader thread
// (column-reader.worker.mjs) alike: run once, or once per value of one parameter with the
// rows laid end to end in the values' order and counted per value. Plain JavaScript, typed
// in statement-rows.d.mts.
//
// Why once per value: a wave read one organization at a time comes with each
// organization's count, which otherwise took a pass over the whole table of its own.

/**
 * @param {import('better-sqlite3').Statement} statement  in raw mode
 * @param {readonly unknown[]} parameters
 * @param {{ at: number; values: readonly unknown[] } | undefined} each
 * @returns {{ rows: unknown[][]; counts?: number[] }}
 */
export function statementRows(statement, parameters, each) {
  if (!each) return { rows: /** @type {unknown[][]} */ (statement.all(...parameters)) };
  const p = [...parameters];
  /** @type {unknown[][]} */
  const rows = [];
  /** @type {number[]} */
  const counts = [];
  for (const value of each.values) {
    p[each.at] = value;
    const part = /** @type {unknown[][]} */ (statement.all(...p));
    for (let i = 0; i < part.length; i++) rows.push(part[i]);
    counts.push(part.length);
  }
  return { rows, counts };
}
