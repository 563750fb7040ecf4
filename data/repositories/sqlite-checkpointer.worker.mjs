// @ts-check
// The SQLite writer thread's checkpointer: a thread of its own, started and closed by the
// writer thread (sqlite-writer.worker.mjs), that copies committed pages from the WAL back
// into the database file every few milliseconds with a PASSIVE checkpoint, on its own
// connection. A PASSIVE checkpoint never blocks a writer: commits go on appending to the
// WAL while it copies.
//
// Why: by default the connection that commits also checkpoints, once the WAL reaches 1,000
// pages: the writer thread then copies and fsyncs the database file while every submission
// queued behind that commit waits. Here that work runs beside the commits instead (README,
// "Benchmarks"). Durability is unchanged: a commit is on disk, in the WAL, before it is
// answered; a checkpoint only moves it. Plain JavaScript, like the writer thread.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** @typedef {import('./sqlite-writer-thread.js').CheckpointerSetup} CheckpointerSetup */

if (!parentPort) throw new Error('sqlite-checkpointer.worker.mjs runs as a worker thread only.');
const port = parentPort;
const setup = /** @type {CheckpointerSetup & { file: string }} */ (workerData);

/**
 * Runs `work`, rethrowing what it throws as a plain Error: a SqliteError reaches the watching
 * thread without its message.
 * @template T @param {() => T} work @returns {T}
 */
function plainly(work) {
  try {
    return work();
  } catch (error) {
    const e = /** @type {Error & { code?: string }} */ (error);
    throw new Error(e.code ? `${e.message} (${e.code})` : e.message);
  }
}

const conn = plainly(() => {
  const opened = new SQLite(setup.file);
  for (const pragma of setup.pragmas) opened.pragma(pragma);
  return opened;
});
// A failing checkpoint (an I/O error) is thrown, uncaught: the thread ends with it and the
// writer thread, which watches this one, fails with the reason.
const timer = setInterval(() => plainly(() => conn.pragma('wal_checkpoint(PASSIVE)')), setup.everyMs);
port.postMessage({ ready: true });

port.on('message', (/** @type {{ close?: true }} */ message) => {
  if (!message.close) return;
  clearInterval(timer);
  conn.close();
  port.close();
});
