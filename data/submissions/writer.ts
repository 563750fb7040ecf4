// The write path of every survey submission (survey pages, open links, the API), as a
// group-commit writer: submissions arriving together are written in ONE transaction that
// checks and claims each invite code (by the invite rule, invite-rule.ts), inserts its
// response, and every caller hears back only after COMMIT. The check lives here, not
// before: a request then costs no read transaction of its own, and a code revoked or a wave
// closed a moment ago is still refused. A code used earlier, or twice within a batch,
// rejects only its own submission; a row that fails its transaction fails alone.
//
// Why: SQLite runs synchronous=FULL, so each transaction costs an fsync; one per request
// caps throughput. Batching shares one fsync among many submissions without weakening
// durability, and PostgreSQL gains the same way (one commit per batch). Marking the code
// and inserting the response share a transaction but nothing else: the invite row holds no
// response id and the response no code.
//
// Idempotent: a submission may carry the keyed hash of its one-time token (token.ts). The
// first submission with a token stores its response and records the hash in the same
// transaction (an invite's in its own row, by the claim; an open link's in
// submission_tokens); any later one with the same hash (in the same batch, a concurrent one,
// or after a restart) stores nothing and is answered 'replayed', so the person sees the
// thank-you page and an API client the same success, never "already used".
//
// Three ways to write a batch (a "path"): on a SQLite file, a thread of its own with its
// own connection (sqlite-thread.ts); on PostgreSQL, one statement (postgres-batch.ts); and
// the general Kysely transaction (kysely-batch.ts), for SQLite in memory. The composition
// root (cli/) makes one writer per service, passes it to the app and closes it on shutdown.
import type { Kysely } from 'kysely';
import { dialectOf, sqliteConnectionOf } from '../connect.js';
import type { Database } from '../database.js';
import type { EntryProblem } from './invite-rule.js';
import { kyselyPath } from './kysely-batch.js';
import { writePostgresBatch } from './postgres-batch.js';
import type { ResponseBody } from './response-body.js';
import { DEFAULT_VACUUM, sqliteThreadPath, type VacuumPolicy } from './sqlite-thread.js';

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
  /** The keyed hash of the submission's one-time token (submissionTokenHash); none: no replay check. */
  tokenHash?: string;
}

export type SubmissionResult =
  | { status: 'stored'; id: string }
  /** A submission with this token was stored before: nothing more was written. */
  | { status: 'replayed' }
  | { status: 'refused'; problem: EntryProblem };

export interface SubmissionWriter {
  submit(submission: Submission): Promise<SubmissionResult>;
  /** Writes whatever is queued, then refuses new submissions and lets go of what it holds. */
  close(): Promise<void>;
}

/**
 * One way of writing a batch in one transaction: resolves after COMMIT with one result per
 * submission, or rejects, having written nothing, when the transaction failed.
 */
export interface BatchPath {
  write(submissions: readonly Submission[]): Promise<SubmissionResult[]>;
  close?(): Promise<void>;
}

export type WritePath = 'sqlite-thread' | 'postgres-statement' | 'kysely';

export interface WriterOptions {
  /** Most submissions per transaction: bounds a batch's statement size and latency. */
  maxBatch?: number;
  /** How batches are written (default: the SQLite thread on a SQLite file, one statement on PostgreSQL, else Kysely). */
  path?: WritePath;
  /** Batches written at once (default 16 on the SQLite thread, which joins them, 4 otherwise). */
  maxInFlight?: number;
  /** When the SQLite thread VACUUMs (default: after a second idle, at most once a minute, up to 64 MB; sqlite-thread.ts). */
  vacuum?: Partial<VacuumPolicy>;
}

interface Pending {
  submission: Submission;
  resolve(result: SubmissionResult): void;
  reject(error: unknown): void;
}

function defaultPath(db: Db): WritePath {
  const conn = sqliteConnectionOf(db);
  if (conn && !conn.memory) return 'sqlite-thread';
  return dialectOf(db) === 'postgres' ? 'postgres-statement' : 'kysely';
}

function openPath(db: Db, path: WritePath, options: WriterOptions): BatchPath {
  if (path === 'sqlite-thread') {
    const conn = sqliteConnectionOf(db);
    if (!conn || conn.memory) throw new Error('The sqlite-thread write path needs a SQLite database file opened by openDatabase.');
    return sqliteThreadPath(conn.name, { ...DEFAULT_VACUUM, ...options.vacuum });
  }
  if (path === 'postgres-statement') {
    if (dialectOf(db) !== 'postgres') throw new Error('The postgres-statement write path needs a PostgreSQL database opened by openDatabase.');
    return { write: (submissions) => writePostgresBatch(db, submissions) };
  }
  if (path === 'kysely') return kyselyPath(db);
  throw new Error(`Unknown submission write path: ${String(path)} (use sqlite-thread, postgres-statement or kysely).`);
}

export function createSubmissionWriter(db: Db, options: WriterOptions = {}): SubmissionWriter {
  const maxBatch = options.maxBatch ?? 200;
  const pathName = options.path ?? defaultPath(db);
  const path = openPath(db, pathName, options);
  // Batches in flight at once. The SQLite thread writes every batch that arrived during its
  // last commit in its next one, so this thread sends each batch as soon as it is formed,
  // never waiting for an answer first; PostgreSQL writes concurrent batches on separate
  // pooled connections (a code in two of them is claimed by whichever commits first: the
  // other's UPDATE finds it used).
  const maxInFlight = options.maxInFlight ?? (pathName === 'sqlite-thread' ? 16 : 4);
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
      void writeBatch(path, batch).finally(() => {
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
      await path.close?.();
    },
  };
}

/**
 * Writes a batch; when its transaction fails, retries each submission alone, so only the
 * culprit fails. A lone submission is tried twice: on the Kysely path a concurrent
 * transaction recording the same token fails it once, and the retry finds it a replay.
 */
async function writeBatch(path: BatchPath, batch: Pending[], tries = 2): Promise<void> {
  let results: SubmissionResult[];
  try {
    results = await path.write(batch.map((p) => p.submission));
  } catch (error) {
    if (batch.length > 1) for (const p of batch) await writeBatch(path, [p]);
    else if (tries > 1) await writeBatch(path, batch, tries - 1);
    else batch[0].reject(error);
    return;
  }
  batch.forEach((p, i) => p.resolve(results[i]));
}
