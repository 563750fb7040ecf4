// @ts-check
// Rows to columns: the one loop that turns a query's rows into columns of numbers, used on
// this thread and on the column reader threads (column-reader.worker.mjs) alike. Plain
// JavaScript, so a reader thread starts without a TypeScript loader; typed in row-columns.d.mts.
//
// Why columns of doubles: they cross between threads by transfer, not by copy, and the
// caller unpacks them with tight loops over one array at a time.

/**
 * @typedef {import('./row-columns.mjs').ColumnSpec} ColumnSpec
 * @typedef {import('./row-columns.mjs').Columns} Columns
 */

/**
 * The columns of `rows`: arrays in the order of `columns` (a SQLite statement in raw mode),
 * or objects keyed by column name (Kysely's rows).
 * @param {readonly unknown[]} rows
 * @param {readonly ColumnSpec[]} columns
 * @returns {Columns}
 */
export function rowsToColumns(rows, columns) {
  const n = rows.length;
  const byPosition = n > 0 && Array.isArray(rows[0]);
  /** @type {Columns} */
  const out = { rows: n, numbers: {}, distinct: {} };
  for (let c = 0; c < columns.length; c++) {
    const { name, kind } = columns[c];
    const key = byPosition ? c : name;
    const cells = /** @type {Record<string | number, unknown>[]} */ (rows);
    if (kind === 'distinct') {
      const values = new Set();
      for (let i = 0; i < n; i++) values.add(cells[i][key]);
      out.distinct[name] = [...values];
      continue;
    }
    const col = new Float64Array(n);
    if (kind === 'number') {
      for (let i = 0; i < n; i++) {
        const v = cells[i][key];
        col[i] = typeof v === 'number' ? v : NaN;
      }
    } else if (kind === 'numeric') {
      // PostgreSQL sends bigint and numeric values as strings.
      for (let i = 0; i < n; i++) col[i] = Number(cells[i][key]);
    } else {
      throw new Error(`Unknown column kind "${kind}" for column ${name}: use number, numeric or distinct.`);
    }
    out.numbers[name] = col;
  }
  return out;
}

/**
 * The buffers of `columns`' number columns, to transfer them with postMessage.
 * @param {Columns} columns
 * @returns {ArrayBuffer[]}
 */
export function buffersOf(columns) {
  return Object.values(columns.numbers).map((col) => /** @type {ArrayBuffer} */ (col.buffer));
}
