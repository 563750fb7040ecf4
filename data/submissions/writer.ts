// The write path of survey submissions, as a group-commit writer: submissions arriving
// together are written in ONE transaction that checks and claims each invite code (unused,
// not revoked, its wave open that day), inserts its response, and every caller hears back
// only after COMMIT. The check lives here, not before: a request then costs no read
// transaction of its own, and a code revoked or a wave closed a moment ago is still refused.
//
// Why: SQLite runs synchronous=FULL, so each transaction costs an fsync; one per request
// caps throughput near a few thousand a second. Batching shares one fsync among many
// submissions without weakening durability. PostgreSQL gains the same way (one commit
// per batch). A code used earlier, or twice within a batch, rejects only
// its own submission. Marking the code and inserting the response share a transaction
// but nothing else: the invite row holds no response id and the response no code.
//
// On a SQLite file the transactions run on a thread of their own with its own connection
// (sqlite-writer.worker.mjs), so a COMMIT's fsync never stalls the requests being parsed;
// that thread also takes submissions straight from another thread through an inlet (the
// API's intake thread, which checks bodies), and puts whatever has arrived into its next
// transaction. On PostgreSQL each batch is one statement (submissions-postgres.ts); the
// general Kysely transaction below serves SQLite in memory and checks the other two in the tests.
import type { Kysely } from 'kysely';
import { beforeClose, dialectOf, sqliteConnectionOf, SQLITE_PRAGMAS } from '../connect.js';
import type { Database, NewResponse } from '../database.js';
import { CLAIM_INVITE_SQL, claimInvites, INVITE_GATE_SQL, refusalReason, selectInviteGates, type EntryProblem } from './invite-rule.js';
import { BODY_COLUMNS, responseRow, type ResponseBody } from './response-body.js';
import type { MessagePort } from 'node:worker_threads';
import { SqliteWriterThread, SqliteWriteError, type WireResult, type WireSubmission } from './sqlite-thread.js';
import { writePostgresBatch } from './postgres-batch.js';

export type { ResponseBody };

type Db = Kysely<Database>;

export type Destination =
  /** An invite code (its keyed hash), checked and claimed in the transaction that stores the response. */
  | { kind: 'invite'; codeHash: string; day: string }
  /** A wave and organization already known (open links), with nothing to claim. */
  | { kind: 'known'; waveId: string; organizationId: string };

export interface Submission {
  row: ResponseBody;
  to: Destination;
}

export type SubmissionResult = { status: 'stored'; id: string } | { status: 'refused'; problem: EntryProblem };

export interface SubmissionWriter {
  submit(submission: Submission): Promise<SubmissionResult>;
  /** Writes whatever is queued, then refuses new submissions. */
  close(): Promise<void>;
  /** On a SQLite file: the way another thread sends checked submissions straight to the writer thread. */
  readonly inlet?: SubmissionInlet;
}

/**
 * A way into the SQLite writer thread for another thread (the API's intake thread) that has
 * checked submissions itself: it sends them on a port as framed batches (inlet-wire.mjs), each with a ticket,
 * and the result comes back here, so they skip a round trip through the request thread.
 */
export interface SubmissionInlet {
  /** Changes whenever the writer thread does: ports from connect() are dead once it has changed. */
  readonly generation: number;
  /** A new port into the writer thread (started if need be), to transfer to the sending thread. */
  connect(): MessagePort;
  /** Resolves once the submission sent with this ticket is stored or refused. Call before sending it. */
  expect(ticket: number, expected: { id: string; day: string }): Promise<SubmissionResult>;
  /** Stops expecting a ticket whose submission will not be sent after all. */
  forget(ticket: number): void;
}

export interface WriterOptions {
  /** Most submissions per transaction: bounds a batch's statement size and latency. */
  maxBatch?: number;
  /** SQLite file: write on a thread of its own (the default), or false for Kysely on this one. */
  thread?: boolean;
  /** PostgreSQL: one statement per batch (the default), or false for the general Kysely transaction. */
  bulk?: boolean;
  /** Batches written at once (default 2 on the SQLite thread, 4 through Kysely). */
  maxInFlight?: number;
}

interface Pending {
  submission: Submission;
  resolve(result: SubmissionResult): void;
  reject(error: unknown): void;
}

/** One outcome per submission: its result, or the error that failed it alone. */
type BatchWriter = (submissions: Submission[]) => Promise<(SubmissionResult | Error)[]>;

// A response row has ~60 columns; SQLite allows 32,766 bound parameters per statement.
const MAX_ROWS_PER_INSERT = 400;
// Hashes per IN list: well under every dialect's parameter limit.
const MAX_CODES_PER_STATEMENT = 500;

export function createSubmissionWriter(db: Db, options: WriterOptions = {}): SubmissionWriter {
  const maxBatch = options.maxBatch ?? 200;
  const thread = options.thread !== false ? writerThreadFor(db) : undefined;
  const write: BatchWriter = thread
    ? (submissions) => writeOnThread(thread, submissions)
    : dialectOf(db) === 'postgres' && options.bulk !== false
      ? (submissions) => writePostgresBatch(db, submissions)
      : (submissions) => db.transaction().execute((trx) => writeInTransaction(trx, submissions));
  // Batches in flight at once. The SQLite thread takes the next batch the moment it commits
  // one, instead of waiting while this thread answers that batch's requests; PostgreSQL
  // writes concurrent batches on separate pooled connections (a code in two of them is
  // claimed by whichever commits first: the other's UPDATE finds it used).
  const maxInFlight = options.maxInFlight ?? (thread ? 2 : 4);
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const settle = () => {
    if (queue.length > 0 || inFlight > 0 || scheduled) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  };
  const pump = () => {
    scheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void writeBatch(write, batch).finally(() => {
        inFlight -= 1;
        if (queue.length > 0) schedule();
        settle();
      });
    }
    settle();
  };
  // setImmediate lets every request already being handled join the batch.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };

  return {
    inlet: thread ? threadInlet(thread, () => closed) : undefined,
    submit(submission) {
      if (closed) return Promise.reject(new Error('The submission writer is closed: the service is shutting down.'));
      return new Promise<SubmissionResult>((resolve, reject) => {
        queue.push({ submission, resolve, reject });
        schedule();
      });
    },
    async close() {
      closed = true;
      if (queue.length > 0 || inFlight > 0 || scheduled) await new Promise<void>((wake) => idleWaiters.push(wake));
      await thread?.close();
    },
  };
}

async function writeBatch(write: BatchWriter, batch: Pending[]): Promise<void> {
  let results: (SubmissionResult | Error)[];
  try {
    results = await write(batch.map((p) => p.submission));
  } catch (batchError) {
    if (batch.length === 1) {
      batch[0].reject(batchError);
      return;
    }
    // One bad row must not fail its neighbours: retry each alone so only the culprit fails.
    for (const p of batch) await writeBatch(write, [p]);
    return;
  }
  batch.forEach((p, i) => {
    const result = results[i];
    if (result instanceof Error) p.reject(result);
    else p.resolve(result);
  });
}

/** The writer thread for a SQLite file; none for PostgreSQL or an in-memory database. */
function writerThreadFor(db: Db): SqliteWriterThread | undefined {
  const conn = sqliteConnectionOf(db);
  if (!conn || conn.memory) return undefined;
  const columns = [...BODY_COLUMNS, 'wave_id', 'organization_id'];
  return new SqliteWriterThread({
    file: conn.name,
    // 64 MB of page cache for the writer alone (the default is 2 MB): the invites it claims stay
    // in memory at scale. Not for every connection: a large cache slowed the pipeline's full
    // scan of a million responses from 4.4 s to 6.5 s.
    pragmas: [...SQLITE_PRAGMAS, 'cache_size = -65536'],
    columns,
    sql: {
      claim: CLAIM_INVITE_SQL,
      lookup: INVITE_GATE_SQL,
      insert: `INSERT INTO responses (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    },
  });
}

async function writeOnThread(thread: SqliteWriterThread, submissions: Submission[]): Promise<(SubmissionResult | Error)[]> {
  const wire = submissions.map(({ row, to }): WireSubmission => (to.kind === 'invite'
    ? { json: row.json, codeHash: to.codeHash, day: to.day }
    : { json: row.json, waveId: to.waveId, organizationId: to.organizationId }));
  const results = await thread.write(wire);
  return submissions.map(({ row, to }, i) => fromWire(results[i], row.id, to.kind === 'invite' ? to.day : undefined));
}

/** A thread's result as the caller's: `day` words a refused invite's reason (none for a known destination). */
function fromWire(result: WireResult, id: string, day: string | undefined): SubmissionResult | SqliteWriteError {
  if (result === null) return { status: 'stored', id };
  if ('failed' in result) return new SqliteWriteError(`Writing a submission failed: ${result.failed.message}`, result.failed.code);
  return { status: 'refused', problem: day !== undefined ? refusalReason(result.refused ?? undefined, day) : 'used' };
}

function threadInlet(thread: SqliteWriterThread, isClosed: () => boolean): SubmissionInlet {
  return {
    get generation() {
      return thread.generation;
    },
    connect() {
      if (isClosed()) throw new Error('The submission writer is closed: the service is shutting down.');
      return thread.connectInlet();
    },
    async expect(ticket, { id, day }) {
      if (isClosed()) throw new Error('The submission writer is closed: the service is shutting down.');
      const result = fromWire(await thread.expect(ticket), id, day);
      if (result instanceof Error) throw result;
      return result;
    },
    forget: (ticket) => thread.forget(ticket),
  };
}

/** Where each claimed code belongs: its wave and organization, keyed by code hash. */
type Claimed = Map<string, { wave_id: string; organization_id: string }>;

async function claimAll(trx: Db, submissions: Submission[]): Promise<{ claimed: Claimed; problems: Map<string, EntryProblem> }> {
  const byDay = new Map<string, Set<string>>();
  for (const s of submissions) {
    if (s.to.kind !== 'invite') continue;
    const hashes = byDay.get(s.to.day) ?? new Set<string>();
    hashes.add(s.to.codeHash);
    byDay.set(s.to.day, hashes);
  }
  const claimed: Claimed = new Map();
  const refused: { hash: string; day: string }[] = [];
  for (const [day, set] of byDay) {
    const hashes = [...set];
    for (let i = 0; i < hashes.length; i += MAX_CODES_PER_STATEMENT) {
      for (const r of await claimInvites(trx, hashes.slice(i, i + MAX_CODES_PER_STATEMENT), day).execute()) claimed.set(r.code_hash, r);
    }
    for (const hash of hashes) if (!claimed.has(hash)) refused.push({ hash, day });
  }
  // Only refusals pay for a second look, to say why.
  const problems = new Map<string, EntryProblem>();
  for (let i = 0; i < refused.length; i += MAX_CODES_PER_STATEMENT) {
    const slice = refused.slice(i, i + MAX_CODES_PER_STATEMENT);
    const rows = new Map((await selectInviteGates(trx, slice.map((r) => r.hash)).execute()).map((r) => [r.code_hash, r]));
    for (const r of slice) problems.set(r.hash, refusalReason(rows.get(r.hash), r.day));
  }
  return { claimed, problems };
}

async function writeInTransaction(trx: Db, submissions: Submission[]): Promise<SubmissionResult[]> {
  const { claimed, problems } = await claimAll(trx, submissions);
  const results: SubmissionResult[] = [];
  const rows: NewResponse[] = [];
  for (const s of submissions) {
    if (s.to.kind === 'known') {
      rows.push(responseRow(s.row, s.to.waveId, s.to.organizationId));
      results.push({ status: 'stored', id: s.row.id });
      continue;
    }
    // The first submission in the batch carrying a code takes its claim; a later one is refused.
    const claim = claimed.get(s.to.codeHash);
    if (!claim) {
      results.push({ status: 'refused', problem: problems.get(s.to.codeHash) ?? 'used' });
      continue;
    }
    claimed.delete(s.to.codeHash);
    rows.push(responseRow(s.row, claim.wave_id, claim.organization_id));
    results.push({ status: 'stored', id: s.row.id });
  }
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
    await trx.insertInto('responses').values(rows.slice(i, i + MAX_ROWS_PER_INSERT)).execute();
  }
  return results;
}

const writers = new WeakMap<Db, SubmissionWriter>();

/** The one writer per database, shared by the survey pages and the API so they batch together. */
export function submissionWriterFor(db: Db): SubmissionWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = createSubmissionWriter(db);
    writers.set(db, writer);
    beforeClose(db, () => closeSubmissionWriter(db));
  }
  return writer;
}

/** Flushes and forgets the shared writer of `db` (graceful shutdown). */
export async function closeSubmissionWriter(db: Db): Promise<void> {
  const writer = writers.get(db);
  writers.delete(db);
  await writer?.close();
}
