// @ts-check
// The SQLite submission writer's own thread: it holds a second connection to the database
// file and writes each batch it is sent in one IMMEDIATE transaction — claim each invite
// code (the UPDATE checks it may be answered), insert each response — then answers the
// main thread after COMMIT, which with synchronous=FULL means on disk.
//
// Why a thread: a COMMIT of a batch (its WAL pages and fsync) costs milliseconds, and on the
// main thread every request waits while it runs. Here it overlaps with the main thread
// parsing and validating the next batch. Plain JavaScript, so it runs the same under tsx,
// vitest and plain node; every SQL text comes from the TypeScript side (submissions.ts).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/**
 * @typedef {{ file: string; pragmas: string[]; sql: { claim: string; lookup: string; insert: string }; columns: string[] }} WriterSetup
 * @typedef {{ json: string; codeHash?: string; day?: string; waveId?: string; organizationId?: string }} WireSubmission
 */

if (!parentPort) throw new Error('sqlite-writer.worker.mjs runs as a worker thread only.');
const port = parentPort;
const setup = /** @type {WriterSetup} */ (workerData);
const conn = new SQLite(setup.file);
for (const pragma of setup.pragmas) conn.pragma(pragma);
const claim = conn.prepare(setup.sql.claim);
const lookup = conn.prepare(setup.sql.lookup);
const insert = conn.prepare(setup.sql.insert);
const columns = setup.columns;
const lastBodyColumn = columns.length - 2;

/**
 * Null when stored; otherwise the refused code's invite and wave row (undefined if unknown),
 * from which the main thread words the reason.
 * @param {WireSubmission} s
 */
function writeOne(s) {
  let waveId = s.waveId;
  let organizationId = s.organizationId;
  if (s.codeHash !== undefined) {
    const claimed = /** @type {{ wave_id: string; organization_id: string } | undefined} */ (claim.get(s.codeHash, s.day, s.day));
    if (claimed === undefined) return { refused: lookup.get(s.codeHash) ?? null };
    waveId = claimed.wave_id;
    organizationId = claimed.organization_id;
  }
  // The body's values in the INSERT's column order, then wave_id and organization_id.
  const body = JSON.parse(s.json);
  const values = new Array(columns.length);
  for (let i = 0; i < lastBodyColumn; i++) values[i] = body[columns[i]];
  values[lastBodyColumn] = waveId;
  values[lastBodyColumn + 1] = organizationId;
  insert.run(values);
  return null;
}

const writeBatch = conn.transaction((/** @type {WireSubmission[]} */ batch) => batch.map(writeOne));

port.on('message', (/** @type {{ id: number; batch?: WireSubmission[]; close?: true }} */ message) => {
  if (message.close) {
    conn.close();
    port.postMessage({ id: message.id, closed: true });
    port.close();
    return;
  }
  try {
    port.postMessage({ id: message.id, results: writeBatch.immediate(message.batch ?? []) });
  } catch (error) {
    const e = /** @type {Error & { code?: string }} */ (error);
    port.postMessage({ id: message.id, error: { message: e.message, code: e.code } });
  }
});
