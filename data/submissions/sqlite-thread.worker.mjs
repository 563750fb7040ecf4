// @ts-check
// The SQLite submission writer's own thread (see sqlite-thread.ts): a connection of its own
// to the database file, on which each batch it is sent is written in one IMMEDIATE
// transaction — claim each invite code (the claim statement checks the invite rule), insert
// each response — and answered only after COMMIT, which with synchronous=FULL means on disk.
// A batch whose transaction fails leaves nothing behind and is answered with why; the writer
// (writer.ts) then retries its submissions one at a time, so a bad row fails alone.
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

port.on('message', (/** @type {WireRequest} */ { id, batch }) => {
  try {
    port.postMessage({ id, results: writeAll.immediate(batch) });
  } catch (error) {
    const e = /** @type {Error & { code?: string }} */ (error);
    port.postMessage({ id, failed: { message: e.message, code: e.code } });
  }
});
