// @ts-check
// The SQLite submission writer's own thread (see sqlite-thread.ts): a connection of its own
// to the database file, on which each batch it is sent is written in one IMMEDIATE
// transaction — claim each invite code (the claim statement checks the invite rule), insert
// each response — and answered only after COMMIT, which with synchronous=FULL means on disk.
// Batches that arrive while a transaction runs are written together in the next one. A
// transaction that fails leaves nothing behind, and each batch in it is answered with why;
// the writer (writer.ts) then retries their submissions one at a time, so a bad row fails alone.
//
// Plain JavaScript, so that it runs as is under tsx, vitest and plain node; every SQL text
// comes from the TypeScript side, compiled by Kysely from the builders the other paths run.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/**
 * @typedef {import('./sqlite-thread.js').WriterSetup} WriterSetup
 * @typedef {import('./sqlite-thread.js').WireSubmission} WireSubmission
 * @typedef {import('./sqlite-thread.js').WireResult} WireResult
 * @typedef {import('./sqlite-thread.js').WireRequest} WireRequest
 * @typedef {import('./sql-text.js').StatementText} StatementText
 */

if (!parentPort) throw new Error('sqlite-thread.worker.mjs runs as a worker thread only.');
const port = parentPort;
const setup = /** @type {WriterSetup} */ (workerData);
const conn = new SQLite(setup.file);
for (const pragma of setup.pragmas) conn.pragma(pragma);

/** A prepared statement with its binding: named arguments in, parameter values out. */
function prepare(/** @type {StatementText} */ text) {
  const stmt = conn.prepare(text.sql);
  const bind = (/** @type {Record<string, unknown>} */ args) => text.args.map((a) => ('arg' in a ? args[a.arg] : a.value));
  return { get: (/** @type {Record<string, unknown>} */ args) => stmt.get(bind(args)), run: (/** @type {Record<string, unknown>} */ args) => stmt.run(bind(args)) };
}

const claim = prepare(setup.claim);
const lookup = prepare(setup.lookup);
const insert = prepare(setup.insert);

/** @param {WireSubmission} s @returns {WireResult} */
function writeOne(s) {
  const row = JSON.parse(s.json);
  if ('codeHash' in s) {
    const claimed = /** @type {{ wave_id: string; organization_id: string } | undefined} */ (claim.get(s));
    if (claimed === undefined) return { refused: /** @type {any} */ (lookup.get(s)) ?? null };
    row.wave_id = claimed.wave_id;
    row.organization_id = claimed.organization_id;
  } else {
    row.wave_id = s.waveId;
    row.organization_id = s.organizationId;
  }
  insert.run(row);
  return null;
}

const writeAll = conn.transaction((/** @type {WireSubmission[]} */ batch) => batch.map(writeOne));

// Rows per transaction at most: bounds how long one commit keeps the first arrivals waiting.
const MAX_ROWS = 500;
/** @type {WireRequest[]} */
let queue = [];
let scheduled = false;

/**
 * Writes every batch that has arrived (up to MAX_ROWS rows) in one transaction, so a commit's
 * fsync is shared by all that queued up during the previous one, and answers each batch.
 */
function flush() {
  scheduled = false;
  let rows = 0;
  let take = 0;
  while (take < queue.length && (take === 0 || rows + queue[take].batch.length <= MAX_ROWS)) rows += queue[take++].batch.length;
  const requests = queue.slice(0, take);
  queue = queue.slice(take);
  try {
    const results = writeAll.immediate(requests.flatMap((r) => r.batch));
    let at = 0;
    for (const { id, batch } of requests) port.postMessage({ id, results: results.slice(at, (at += batch.length)) });
  } catch (error) {
    const e = /** @type {Error & { code?: string }} */ (error);
    for (const { id } of requests) port.postMessage({ id, failed: { message: e.message, code: e.code } });
  }
  if (queue.length > 0) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  // Every message already delivered joins the transaction.
  setImmediate(flush);
}

port.on('message', (/** @type {WireRequest} */ request) => {
  queue.push(request);
  schedule();
});
