// @ts-check
// The SQLite writer's checkpointer (see sqlite-thread.ts): a connection of its own, on a thread
// of its own, that copies the write-ahead log into the database file while the writer thread
// goes on committing. Why: a checkpoint writes every page the log holds into the database
// file and fsyncs it; run by the writer (SQLite's automatic checkpoint, every 1,000 log
// pages), it held up the commit that crossed the threshold, and every submission waiting on
// it. PASSIVE: it never waits for the writer or a reader, never truncates the log and never
// blocks a commit; the writer still truncates the log itself once idle (sqlite-thread.worker.mjs).
//
// One request at a time: checkpoint now, answered with SQLite's counts. Plain JavaScript, so
// that it runs as is under tsx, vitest and plain node.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

if (!parentPort) throw new Error('checkpoint.worker.mjs runs as a worker thread only.');
const port = parentPort;
const { file, pragmas } = /** @type {{ file: string; pragmas: readonly string[] }} */ (workerData);
const conn = new SQLite(file, { fileMustExist: true });
// synchronous = FULL among them: the database file is fsynced before the log may be reused.
for (const pragma of pragmas) conn.pragma(pragma);
conn.pragma('busy_timeout = 0');

port.on('message', (/** @type {{ id: number; close?: true }} */ request) => {
  if (request.close) {
    conn.close();
    port.postMessage({ id: request.id, busy: 0, log: 0, checkpointed: 0 });
    port.close();
    return;
  }
  try {
    const [result] = /** @type {{ busy: number; log: number; checkpointed: number }[]} */ (conn.pragma('wal_checkpoint(PASSIVE)'));
    port.postMessage({ id: request.id, ...result });
  } catch (error) {
    const e = /** @type {Error & { code?: string }} */ (error);
    port.postMessage({ id: request.id, error: { message: e.message, code: e.code } });
  }
});
