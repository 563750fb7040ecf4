// @ts-check
// An extract reader thread: its own read-only connection to the SQLite file, one chunk query
// per message, the rows sent back as columns of numbers (transferred, not copied). Plain
// JavaScript, so it starts in milliseconds under tsx, vitest and plain node; the SQL comes
// from the TypeScript side (extract.ts builds it with Kysely).
//
// Why: evaluating the packing expressions is most of an extract, and SQLite does it on the
// thread that steps the statement; two readers use both cores.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

if (!parentPort) throw new Error('extract-reader.worker.mjs runs as a worker thread only.');
const port = parentPort;
const conn = new SQLite(/** @type {{ file: string }} */ (workerData).file, { readonly: true, fileMustExist: true });

port.on('message', (/** @type {{ id: number; sql: string; parameters: unknown[]; words: number }} */ m) => {
  try {
    const rows = /** @type {unknown[][]} */ (conn.prepare(m.sql).raw(true).all(...m.parameters));
    const n = rows.length;
    // Columns as extract.ts reads them: tenure (NaN when not a number), person word, item words.
    const tenure = new Float64Array(n);
    const person = new Float64Array(n);
    const words = Array.from({ length: m.words }, () => new Float64Array(n));
    const versions = new Set();
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      tenure[i] = typeof row[0] === 'number' ? row[0] : NaN;
      versions.add(row[1]);
      person[i] = Number(row[2]);
      for (let w = 0; w < m.words; w++) words[w][i] = Number(row[3 + w]);
    }
    port.postMessage({ id: m.id, columns: { rows: n, tenure, person, words, versions: [...versions] } }, [tenure.buffer, person.buffer, ...words.map((w) => w.buffer)]);
  } catch (error) {
    port.postMessage({ id: m.id, error: /** @type {Error} */ (error).message });
  }
});
