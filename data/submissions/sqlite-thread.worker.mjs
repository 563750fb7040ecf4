// @ts-check
// The SQLite submission writer's own thread (see sqlite-thread.ts): a connection of its own
// to the database file, on which each batch it is sent is written in one IMMEDIATE
// transaction — claim each invite code (the claim statement checks the invite rule and
// records the submission's token hash in the invite row), insert each response — and
// answered only after COMMIT, which with synchronous=FULL means on disk.
// Batches that arrive while a transaction runs are written together in the next one. A
// transaction that fails leaves nothing behind, and each batch in it is answered with why;
// the writer (writer.ts) then retries their submissions one at a time, so a bad row fails alone.
// A submission whose token hash is already recorded is answered 'replayed' and writes nothing:
// for an invite, seen when its claim is refused and the invite row (or, for one stored before
// invites held token hashes, submission_tokens) holds the hash; a stored invite submission
// reads no token. An open link's token hash is looked up, and recorded, in submission_tokens.
//
// The write-ahead log is checkpointed into the database file and truncated to nothing as soon
// as the writer has had no batch for a few milliseconds (and 100 ms have passed since the
// last truncation), and at least every second while it is busy: replayed commit by commit,
// the log would show which invite each response came with. Not after every commit: a checkpoint costs an fsync of the database file, which per
// commit halved throughput, while a commit written under load mixes many submissions. A
// reader still on an old snapshot can hold the truncation off; then it is retried shortly,
// never waiting on the reader.
//
// Once the thread has been idle a moment after storing responses, at most once a minute (and
// when it is asked to close), it VACUUMs a database up to a size limit: SQLite fills a page's free space from the
// end downwards, so the bytes of the rows added to a page since it was last rebuilt lie in
// reverse arrival order; VACUUM rebuilds every page in key order (random ids within an
// organization).
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
// Its log is copied into the database file by the checkpoint thread (checkpoint.worker.mjs),
// not by the commit that fills 1,000 pages of it; this thread only truncates it (below).
conn.pragma('wal_autocheckpoint = 0');

/** A prepared statement with its binding: named arguments in, parameter values out. */
function prepare(/** @type {StatementText} */ text) {
  const stmt = conn.prepare(text.sql);
  const bind = (/** @type {Record<string, unknown>} */ args) => text.args.map((a) => ('arg' in a ? args[a.arg] : a.value));
  return { get: (/** @type {Record<string, unknown>} */ args) => stmt.get(bind(args)), run: (/** @type {Record<string, unknown>} */ args) => stmt.run(bind(args)) };
}

const claim = prepare(setup.claim);
const lookup = prepare(setup.lookup);
const insert = prepare(setup.insert);
const tokenSeen = prepare(setup.tokenSeen);
const tokenRecord = prepare(setup.tokenRecord);

/** @param {WireSubmission} s @returns {WireResult} */
function writeOne(s) {
  const row = JSON.parse(s.json);
  if ('codeHash' in s) {
    const claimed = /** @type {{ wave_id: string; organization_id: string } | undefined} */ (claim.get(s.tokenHash === undefined ? { ...s, tokenHash: null } : s));
    if (claimed === undefined) return refusal(s);
    row.wave_id = claimed.wave_id;
    row.organization_id = claimed.organization_id;
  } else {
    // Checked first, inside the transaction: a replay of a stored submission writes nothing.
    if (s.tokenHash !== undefined && tokenSeen.get(s) !== undefined) return 'replayed';
    if (s.tokenHash !== undefined) tokenRecord.run(s);
    row.wave_id = s.waveId;
    row.organization_id = s.organizationId;
  }
  insert.run(row);
  return null;
}

/**
 * A refused claim: a replay when the invite holds this submission's token hash (claimed by it
 * earlier, in this transaction or before) or, stored before invites held them,
 * submission_tokens does; else the invite and its wave, to say why.
 * @param {{ codeHash: string; tokenHash?: string }} s
 * @returns {WireResult}
 */
function refusal(s) {
  const found = /** @type {import('./invite-rule.js').RefusalRow | undefined} */ (lookup.get(s));
  if (s.tokenHash !== undefined && found !== undefined && (found.token_hash === s.tokenHash || tokenSeen.get(s) !== undefined)) return 'replayed';
  if (found === undefined) return { refused: null };
  const { token_hash: _, ...gate } = found;
  return { refused: gate };
}

const writeAll = conn.transaction((/** @type {WireSubmission[]} */ batch) => batch.map(writeOne));

// How long without a batch counts as a lull, when the log is truncated.
const LULL_MS = 5;
// Least time between two truncations: under load the writer often waits a few milliseconds
// for the next batch, and truncating at every such pause kept it from committing for about
// a quarter of its time (at 50 connections).
const MIN_TRUNCATION_GAP_MS = 100;
// Longest the log goes untruncated while batches keep coming.
const MAX_CHECKPOINT_INTERVAL_MS = 1000;
// How soon a checkpoint held off by a reader is tried again.
const CHECKPOINT_RETRY_MS = 50;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let retry;
let lastCheckpoint = Date.now();

/** After a commit: truncate the log once the writer is idle, or now if it has waited too long. */
function checkpointSoon() {
  if (Date.now() - lastCheckpoint >= MAX_CHECKPOINT_INTERVAL_MS) {
    checkpoint();
    return;
  }
  if (retry !== undefined) clearTimeout(retry);
  retry = setTimeout(checkpoint, Math.max(LULL_MS, lastCheckpoint + MIN_TRUNCATION_GAP_MS - Date.now()));
  retry.unref();
}

/**
 * Copies the log into the database file and truncates it, never waiting for a reader (the
 * busy timeout is lifted meanwhile); when a reader holds it off, tries again shortly.
 */
function checkpoint() {
  if (retry !== undefined) clearTimeout(retry);
  retry = undefined;
  lastCheckpoint = Date.now();
  conn.pragma('busy_timeout = 0');
  let busy = 1;
  try {
    const [result] = /** @type {{ busy: number }[]} */ (conn.pragma('wal_checkpoint(TRUNCATE)'));
    busy = result?.busy ?? 1;
  } catch {
    // SQLITE_BUSY from a main-thread writer: the log stays for now, and is retried below.
  } finally {
    conn.pragma(`busy_timeout = ${setup.busyTimeoutMs}`);
  }
  if (busy !== 0) {
    retry = setTimeout(checkpoint, CHECKPOINT_RETRY_MS);
    retry.unref();
  }
}
// What a crash left in the log goes first.
checkpoint();

/** Responses stored since the last VACUUM: their bytes still record their order. */
let unsorted = false;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let idle;

/** VACUUMs (then checkpoints) when responses were stored since the last one and the file is within the limit. */
function vacuum() {
  if (idle !== undefined) clearTimeout(idle);
  idle = undefined;
  if (!unsorted) return;
  const bytes = Number(conn.pragma('page_count', { simple: true })) * Number(conn.pragma('page_size', { simple: true }));
  // Above the limit a VACUUM would keep submissions waiting too long: see SECURITY.md.
  if (bytes > setup.vacuum.maxBytes) {
    unsorted = false;
    return;
  }
  try {
    conn.exec('VACUUM');
    lastVacuum = Date.now();
    unsorted = false;
  } catch {
    // Busy (a main-thread writer held on past the busy timeout): tried again when next idle.
    idle = setTimeout(vacuum, setup.vacuum.idleMs);
    idle.unref();
  }
  checkpoint();
}

let lastVacuum = 0;

function stored() {
  unsorted = true;
  if (idle !== undefined) clearTimeout(idle);
  // Idle a moment, and not sooner than the interval after the last: a VACUUM rewrites the file.
  idle = setTimeout(vacuum, Math.max(setup.vacuum.idleMs, lastVacuum + setup.vacuum.minIntervalMs - Date.now()));
  idle.unref();
}

// Rows per transaction at most: bounds how long one commit keeps the first arrivals waiting.
const MAX_ROWS = 500;
/** @type {WireRequest[]} */
let queue = [];
let scheduled = false;

/**
 * Writes every batch that has arrived (up to MAX_ROWS rows) in one transaction, so a commit's
 * fsync is shared by all that queued up during the previous one, and answers each batch.
 */
function flush(closing = false) {
  scheduled = false;
  let rows = 0;
  let take = 0;
  while (take < queue.length && (take === 0 || rows + queue[take].batch.length <= MAX_ROWS)) rows += queue[take++].batch.length;
  const requests = queue.slice(0, take);
  queue = queue.slice(take);
  /** @type {object[]} */
  let replies;
  let wrote = false;
  try {
    const results = writeAll.immediate(requests.flatMap((r) => r.batch));
    wrote = results.includes(null);
    let at = 0;
    replies = requests.map(({ id, batch }) => ({ id, results: results.slice(at, (at += batch.length)) }));
  } catch (error) {
    const e = /** @type {Error & { code?: string }} */ (error);
    replies = requests.map(({ id }) => ({ id, failed: { message: e.message, code: e.code } }));
  }
  for (const reply of replies) port.postMessage(reply);
  if (!closing) checkpointSoon();
  if (wrote) stored();
  if (queue.length > 0) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  // Every message already delivered joins the transaction.
  setImmediate(flush);
}

port.on('message', (/** @type {WireRequest & { close?: true }} */ request) => {
  if (request.close) {
    // The client waits for every batch's answer before closing; anything queued is written first.
    while (queue.length > 0) flush(true);
    vacuum();
    checkpoint();
    if (retry !== undefined) clearTimeout(retry);
    conn.close();
    port.postMessage({ id: request.id, results: [] });
    port.close();
    return;
  }
  queue.push(request);
  schedule();
});
