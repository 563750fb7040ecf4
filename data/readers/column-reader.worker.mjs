// @ts-check
// A column reader thread: its own read-only connection to the SQLite file, one query per
// request (run once, or once per value of one parameter: statement-rows.mjs), the rows sent back as columns of numbers (row-columns.mjs), transferred, not
// copied. Plain JavaScript, so it starts without a TypeScript loader; the SQL comes from the
// TypeScript side (column-reader.ts), the lifecycle from worker-client.ts.
//
// Why a thread: SQLite evaluates a query's expressions on the thread that steps its
// statement; for the extract's packing expressions that is most of the work, and readers
// on other threads spread it over the cores.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { buffersOf, rowsToColumns } from './row-columns.mjs';
import { statementRows } from './statement-rows.mjs';

if (!parentPort) throw new Error('column-reader.worker.mjs runs as a worker thread only.');
const port = parentPort;
const { file, columns } = /** @type {{ file: string; columns: import('./row-columns.mjs').ColumnSpec[] }} */ (workerData);
const conn = new SQLite(file, { readonly: true, fileMustExist: true });

port.on('message', (/** @type {{ id: number; sql: string; parameters: unknown[]; each?: import('./statement-rows.mjs').Each }} */ m) => {
  try {
    const { rows, counts } = statementRows(conn.prepare(m.sql).raw(true), m.parameters, m.each);
    const out = rowsToColumns(rows, columns);
    port.postMessage({ id: m.id, columns: out, thread: threadId, ...(counts ? { counts } : {}) }, buffersOf(out));
  } catch (error) {
    const e = /** @type {Error & { code?: string }} */ (error);
    port.postMessage({ id: m.id, error: { message: e.message, code: e.code } });
  }
});
