// @ts-check
// The SQLite submission writer's own thread: it holds a second connection to the database
// file and writes what it is sent in IMMEDIATE transactions — claim each invite code (the
// UPDATE checks it may be answered), insert each response — and answers only after COMMIT,
// which with synchronous=FULL means on disk.
//
// Submissions come from the main thread (batches, answered by batch) and through inlets:
// ports on which another thread (the API's intake thread) sends submissions it has checked,
// answered to the main thread by ticket, so they skip a round trip through the main thread.
// Whatever has arrived by the time a transaction starts goes into it: a commit's fsync is
// shared by everything that queued up during the previous one. A row that fails (a bug, a
// constraint) fails alone: its transaction is retried without it, one submission at a time.
//
// Why a thread: a COMMIT (its WAL pages and fsync) costs a millisecond or more, and on the
// main thread every request would wait while it runs. Plain JavaScript, so it runs the same
// under tsx, vitest and plain node; every SQL text comes from the TypeScript side (submissions.ts).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { readInletBatch } from './inlet-wire.mjs';

/**
 * @typedef {import('./sqlite-thread.js').WriterSetup} WriterSetup
 * @typedef {import('./sqlite-thread.js').WireSubmission} WireSubmission
 * @typedef {import('./sqlite-thread.js').InletSubmission} InletSubmission
 * @typedef {import('./sqlite-thread.js').WireResult} WireResult
 * @typedef {{ id: number; batch: WireSubmission[] } | { id?: undefined; batch: InletSubmission[] }} Entry
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
// Rows per transaction at most: bounds how long one commit keeps the first arrivals waiting.
const MAX_ROWS = 500;

/**
 * @param {Partial<WireSubmission & InletSubmission>} s
 * @returns {WireResult}
 */
function writeOne(s) {
  let waveId = s.waveId;
  let organizationId = s.organizationId;
  if (s.codeHash !== undefined) {
    const claimed = /** @type {{ wave_id: string; organization_id: string } | undefined} */ (claim.get(s.codeHash, s.day, s.day));
    if (claimed === undefined) return { refused: /** @type {any} */ (lookup.get(s.codeHash)) ?? null };
    waveId = claimed.wave_id;
    organizationId = claimed.organization_id;
  }
  // The body's values in the INSERT's column order, then wave_id and organization_id.
  const body = JSON.parse(/** @type {string} */ (s.json));
  const values = new Array(columns.length);
  for (let i = 0; i < lastBodyColumn; i++) values[i] = body[columns[i]];
  values[lastBodyColumn] = waveId;
  values[lastBodyColumn + 1] = organizationId;
  insert.run(values);
  return null;
}

const writeAll = conn.transaction((/** @type {Partial<WireSubmission & InletSubmission>[]} */ batch) => batch.map(writeOne));

/** @param {unknown} error @returns {WireResult} */
function failure(error) {
  const e = /** @type {Error & { code?: string }} */ (error);
  return { failed: { message: e.message, code: e.code } };
}

/** @param {Entry[]} entries @returns {WireResult[][]} */
function writeEntries(entries) {
  const all = entries.flatMap((e) => /** @type {Partial<WireSubmission & InletSubmission>[]} */ (e.batch));
  try {
    const results = writeAll.immediate(all);
    let at = 0;
    return entries.map((e) => results.slice(at, (at += e.batch.length)));
  } catch (error) {
    if (all.length === 1) return [[failure(error)]];
    return entries.map((e) => e.batch.map((s) => {
      try {
        return writeAll.immediate([s])[0];
      } catch (alone) {
        return failure(alone);
      }
    }));
  }
}

/** @type {Entry[]} */
let queue = [];
let scheduled = false;
let closed = false;
/** @type {import('node:worker_threads').MessagePort[]} */
const inlets = [];

function flush() {
  scheduled = false;
  if (closed) return;
  let rows = 0;
  let take = 0;
  while (take < queue.length && (take === 0 || rows + queue[take].batch.length <= MAX_ROWS)) rows += queue[take++].batch.length;
  const entries = queue.slice(0, take);
  queue = queue.slice(take);
  const results = writeEntries(entries);
  /** @type {number[]} */
  const tickets = [];
  /** @type {WireResult[]} */
  const ticketResults = [];
  entries.forEach((e, i) => {
    if (e.id !== undefined) {
      port.postMessage({ id: e.id, results: results[i] });
      return;
    }
    e.batch.forEach((s, j) => {
      tickets.push(/** @type {InletSubmission} */ (s).ticket);
      ticketResults.push(results[i][j]);
    });
  });
  // As JSON text: one copy for the main thread to take in, not one per value (inlet-wire.mjs).
  if (tickets.length > 0) port.postMessage(JSON.stringify({ tickets, results: ticketResults }));
  if (queue.length > 0) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  // Every message already delivered joins the transaction.
  setImmediate(flush);
}

/** @param {Entry} entry */
function enqueue(entry) {
  if (entry.batch.length === 0) return;
  queue.push(entry);
  schedule();
}

port.on('message', (/** @type {{ id: number; batch?: WireSubmission[]; close?: true; inlet?: import('node:worker_threads').MessagePort }} */ message) => {
  if (message.inlet) {
    const inlet = message.inlet;
    inlets.push(inlet);
    inlet.on('message', (/** @type {string} */ framed) => enqueue({ batch: readInletBatch(framed) }));
    return;
  }
  if (message.close) {
    // Everything that arrived before the close is written first.
    while (queue.length > 0) flush();
    closed = true;
    conn.close();
    for (const inlet of inlets) inlet.close();
    port.postMessage({ id: message.id, closed: true });
    port.close();
    return;
  }
  if (message.batch && message.batch.length === 0) {
    port.postMessage({ id: message.id, results: [] });
    return;
  }
  enqueue({ id: message.id, batch: message.batch ?? [] });
});
