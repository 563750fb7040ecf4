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
 * or objects keyed by column name (Kysely's rows). Row by row, each kind in a loop of its
 * own: a cold thread runs it about as fast as a loop written for one layout, where a pass
 * per column took twice the time before the JIT caught up.
 * @param {readonly unknown[]} rows
 * @param {readonly ColumnSpec[]} columns
 * @returns {Columns}
 */
export function rowsToColumns(rows, columns) {
  const n = rows.length;
  const byPosition = n > 0 && Array.isArray(rows[0]);
  /** @type {Columns} */
  const out = { rows: n, numbers: {}, distinct: {}, texts: {}, runs: {} };
  /** @type {(string | number)[]} */ const numberKeys = [];
  /** @type {Float64Array[]} */ const numberCols = [];
  /** @type {(string | number)[]} */ const numericKeys = [];
  /** @type {Float64Array[]} */ const numericCols = [];
  /** @type {(string | number)[]} */ const textKeys = [];
  /** @type {unknown[][]} */ const textCols = [];
  /** @type {(string | number)[]} */ const distinctKeys = [];
  /** @type {Set<unknown>[]} */ const distinctSets = [];
  /** @type {(string | number)[]} */ const runKeys = [];
  /** @type {{ value: unknown; count: number }[][]} */ const runLists = [];
  for (let c = 0; c < columns.length; c++) {
    const { name, kind } = columns[c];
    const key = byPosition ? c : name;
    if (kind === 'distinct') {
      const values = new Set();
      distinctKeys.push(key);
      distinctSets.push(values);
      continue;
    }
    if (kind === 'runs') {
      const runs = /** @type {{ value: unknown; count: number }[]} */ ([]);
      out.runs[name] = runs;
      runKeys.push(key);
      runLists.push(runs);
      continue;
    }
    if (kind === 'text') {
      const values = new Array(n);
      out.texts[name] = values;
      textKeys.push(key);
      textCols.push(values);
      continue;
    }
    if (kind !== 'number' && kind !== 'numeric') throw new Error(`Unknown column kind "${kind}" for column ${name}: use number, numeric, distinct, text or runs.`);
    const col = new Float64Array(n);
    out.numbers[name] = col;
    if (kind === 'number') {
      numberKeys.push(key);
      numberCols.push(col);
    } else {
      numericKeys.push(key);
      numericCols.push(col);
    }
  }
  for (let i = 0; i < n; i++) {
    const row = /** @type {Record<string | number, unknown>} */ (rows[i]);
    for (let j = 0; j < numberKeys.length; j++) {
      const v = row[numberKeys[j]];
      numberCols[j][i] = typeof v === 'number' ? v : NaN;
    }
    // PostgreSQL sends bigint and numeric values as strings.
    for (let j = 0; j < numericKeys.length; j++) numericCols[j][i] = Number(row[numericKeys[j]]);
    for (let j = 0; j < distinctKeys.length; j++) distinctSets[j].add(row[distinctKeys[j]]);
    for (let j = 0; j < textKeys.length; j++) textCols[j][i] = row[textKeys[j]];
    for (let j = 0; j < runKeys.length; j++) {
      const value = row[runKeys[j]];
      const runs = runLists[j];
      const last = runs[runs.length - 1];
      if (last && last.value === value) last.count++;
      else runs.push({ value, count: 1 });
    }
  }
  let d = 0;
  for (const { name, kind } of columns) if (kind === 'distinct') out.distinct[name] = [...distinctSets[d++]];
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
