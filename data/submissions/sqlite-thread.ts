// On a SQLite file, batches are written on a thread of their own, with its own connection
// (sqlite-thread.worker.mjs), so that a COMMIT's fsync never stalls the requests being
// handled. This is the request thread's side: it sends each batch as one message and hears
// back, after COMMIT, one result per submission (or why the transaction failed). The thread
// starts on first use, never holds the process open while idle, and starts afresh if it dies
// (whatever it was writing is refused, never half-written: its transaction rolls back).
//
// After each commit it also asks a second thread (checkpoint.worker.mjs) to copy the log into
// the database file, so that the writer, which no longer checkpoints automatically, spends its
// time on commits alone. At most one such request is out at a time, and a request wanted while
// one runs waits until CHECKPOINT_GAP_MS after it ended: checkpoints that copy a few commits
// each, not one per commit. A checkpointer that fails is only a slower log: the writer
// truncates the log itself at least once a second.
import { WorkerClient } from '../worker-client.js';
import { SQLITE_BUSY_TIMEOUT_MS, SQLITE_PRAGMAS } from '../connect.js';
import type { NewResponse } from '../database.js';
import { refusalReason, sqliteInviteStatements, type InviteGateRow } from './invite-rule.js';
import { BODY_COLUMNS } from './response-body.js';
import { statementText, type StatementText } from './sql-text.js';
import type { BatchPath, SubmissionResult } from './writer.js';

export interface WriterSetup {
  file: string;
  pragmas: readonly string[];
  /**
   * Claims an invite (args codeHash, tokenHash or null, day), recording the token hash in its
   * row: returns its wave_id and organization_id, or no row.
   */
  claim: StatementText;
  /** The invite with its wave and token_hash (arg codeHash), to say why a claim was refused or spot a replay. */
  lookup: StatementText;
  /** Inserts a response: one arg per column, a body's keys and then wave_id and organization_id. */
  insert: StatementText;
  /** A row when this token hash (arg tokenHash) is in submission_tokens: an open link's, or an invite's stored before invites held them. */
  tokenSeen: StatementText;
  /** Records an open-link submission's token hash (arg tokenHash). */
  tokenRecord: StatementText;
  /** The connection's busy timeout, restored after each checkpoint (which never waits). */
  busyTimeoutMs: number;
  vacuum: VacuumPolicy;
}

/** When the writer thread VACUUMs, so that no page's bytes keep the order responses arrived in. */
export interface VacuumPolicy {
  /** How long the thread waits, idle, after storing responses (it also VACUUMs when closed). */
  idleMs: number;
  /** Least time between two VACUUMs while idle: each rewrites the whole file. */
  minIntervalMs: number;
  /** Largest database (bytes) it VACUUMs: past it, a VACUUM keeps submissions waiting too long. */
  maxBytes: number;
}

export const DEFAULT_VACUUM: VacuumPolicy = { idleMs: 1000, minIntervalMs: 60_000, maxBytes: 64 * 1024 * 1024 };

/** A submission as it crosses to the thread: an invite to claim, or a known wave and organization. */
export type WireSubmission =
  | { json: string; codeHash: string; day: string; tokenHash?: string }
  | { json: string; waveId: string; organizationId: string; tokenHash?: string };

/**
 * Per submission: null when stored; 'replayed' when its token was stored before; for a
 * refused code, its invite and wave row (null when there is none; never its token_hash).
 */
export type WireResult = null | 'replayed' | { refused: InviteGateRow | null };

/** The one message each way: a batch, and its results or why its transaction failed. */
export interface WireRequest {
  id: number;
  batch: WireSubmission[];
}
/** A batch's results, or why its transaction failed. */
export type WireOutcome = { results: WireResult[] } | { failed: { message: string; code?: string } };
export type WireReply = { id: number } & WireOutcome;

export class SqliteWriteError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'SqliteWriteError';
  }
}

const WORKER_URL = new URL('./sqlite-thread.worker.mjs', import.meta.url);
const CHECKPOINTER_URL = new URL('./checkpoint.worker.mjs', import.meta.url);
// Least time between the end of one checkpoint and the start of the next, while commits go on.
const CHECKPOINT_GAP_MS = 20;

/** What a checkpoint did: SQLite's counts (busy 1 when it could not run to the end). */
interface CheckpointReply {
  busy: number;
  log: number;
  checkpointed: number;
}

/** The statements the thread prepares, compiled from the same builders as the Kysely path. */
export function writerSetup(file: string, pragmas: readonly string[], vacuum: VacuumPolicy = DEFAULT_VACUUM): WriterSetup {
  const columns = [...BODY_COLUMNS, 'wave_id', 'organization_id'];
  const insert = statementText('sqlite', columns, (db, p) => db.insertInto('responses').values(p as unknown as NewResponse));
  const tokenSeen = statementText('sqlite', ['tokenHash'], (db, p) => db.selectFrom('submission_tokens').select('token_hash').where('token_hash', '=', p.tokenHash));
  const tokenRecord = statementText('sqlite', ['tokenHash'], (db, p) => db.insertInto('submission_tokens').values({ token_hash: p.tokenHash }));
  return { file, pragmas, ...sqliteInviteStatements(), insert, tokenSeen, tokenRecord, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS, vacuum };
}

export class SqliteWriterThread {
  // The thread's lifecycle (start on use, replies by id, a dead thread fails what waits on it
  // and is started afresh on the next batch, no hold on the process while idle) is the one
  // every Rootwork worker thread shares.
  readonly #client: WorkerClient<{ batch: WireSubmission[] }, WireOutcome>;
  readonly #inFlight = new Set<Promise<WireResult[]>>();
  readonly #checkpointer: WorkerClient<{ close?: true }, CheckpointReply>;
  /** The checkpoint running, if any. */
  #checkpointing: Promise<void> | undefined;
  /** A commit came after the running checkpoint started: another is wanted after it. */
  #checkpointWanted = false;
  #checkpointTimer: ReturnType<typeof setTimeout> | undefined;
  #closing = false;
  #checkpoints = 0;

  constructor(setup: WriterSetup) {
    this.#client = new WorkerClient({
      name: 'SQLite writer thread',
      url: WORKER_URL,
      workerData: setup,
      // Asks the thread to VACUUM what it stored, close its connection and end.
      closeMessage: { batch: [], close: true },
      error: (message, { code }) => new SqliteWriteError(message, code),
    });
    this.#checkpointer = new WorkerClient({
      name: 'SQLite checkpoint thread',
      url: CHECKPOINTER_URL,
      workerData: { file: setup.file, pragmas: setup.pragmas },
      closeMessage: { close: true },
    });
  }

  /** Checkpoints the checkpoint thread ran to the end of the log as it found it: none means the log waits for the writer's truncation. */
  get checkpoints(): number {
    return this.#checkpoints;
  }

  /** After a commit: a checkpoint now, or after the running one (and the gap), if none is waiting. */
  #checkpointSoon(): void {
    if (this.#closing || this.#checkpointTimer !== undefined) return;
    if (this.#checkpointing !== undefined) {
      this.#checkpointWanted = true;
      return;
    }
    this.#checkpointing = this.#checkpointer.request({}).then(
      (reply) => {
        if (reply.busy === 0) this.#checkpoints++;
      },
      // A checkpoint that could not run leaves the log to the writer's own truncation.
      () => undefined,
    ).finally(() => {
      this.#checkpointing = undefined;
      if (!this.#checkpointWanted || this.#closing) return;
      this.#checkpointWanted = false;
      this.#checkpointTimer = setTimeout(() => {
        this.#checkpointTimer = undefined;
        this.#checkpointSoon();
      }, CHECKPOINT_GAP_MS);
      this.#checkpointTimer.unref();
    });
  }

  /**
   * Writes a batch, in one transaction with whatever batches arrived with it; resolves after
   * its COMMIT, rejects (nothing of it written) when the transaction failed.
   */
  write(batch: WireSubmission[]): Promise<WireResult[]> {
    const written = this.#client.request({ batch }).then((reply) => {
      if ('failed' in reply) throw new SqliteWriteError(`Writing a batch of submissions failed: ${reply.failed.message}`, reply.failed.code);
      this.#checkpointSoon();
      return reply.results;
    });
    this.#inFlight.add(written);
    const settled = () => this.#inFlight.delete(written);
    written.then(settled, settled);
    return written;
  }

  /**
   * Ends the thread once the batches sent have been answered. Every batch is committed before
   * its answer, so nothing is lost; the thread's connection closes as the thread is torn down.
   */
  async close(): Promise<void> {
    await Promise.allSettled(this.#inFlight);
    // The checkpointer ends first: the writer's last checkpoint (after its VACUUM) truncates the log.
    this.#closing = true;
    if (this.#checkpointTimer !== undefined) clearTimeout(this.#checkpointTimer);
    this.#checkpointTimer = undefined;
    await this.#checkpointing;
    await this.#checkpointer.close();
    await this.#client.close();
    // Written to again, both threads start afresh.
    this.#closing = false;
  }
}

/** The batch path of a SQLite file: its own thread, with a page cache of its own. */
export function sqliteThreadPath(file: string, vacuum: VacuumPolicy = DEFAULT_VACUUM): BatchPath {
  // 64 MB of page cache for the writer alone (the default is 2 MB): the invites it claims stay
  // in memory at scale. Not for every connection: a large cache slowed the pipeline's full scan.
  const thread = new SqliteWriterThread(writerSetup(file, [...SQLITE_PRAGMAS, 'cache_size = -65536'], vacuum));
  return {
    async write(submissions) {
      const results = await thread.write(submissions.map(({ row, to, tokenHash }): WireSubmission => {
        const token = tokenHash === undefined ? {} : { tokenHash };
        return to.kind === 'invite'
          ? { json: row.json, codeHash: to.codeHash, day: to.day, ...token }
          : { json: row.json, waveId: to.waveId, organizationId: to.organizationId, ...token };
      }));
      return submissions.map(({ row, to }, i): SubmissionResult => {
        const result = results[i];
        if (result === null) return { status: 'stored', id: row.id };
        if (result === 'replayed') return { status: 'replayed' };
        return { status: 'refused', problem: to.kind === 'invite' ? refusalReason(result.refused ?? undefined, to.day) : 'used' };
      });
    },
    close: () => thread.close(),
  };
}
