// The write path of survey submissions, as a group-commit writer: submissions arriving
// together are written in ONE transaction that marks each invite used (if still unused)
// and inserts its response, and every caller hears back only after COMMIT.
//
// Why: SQLite runs synchronous=FULL, so each transaction costs an fsync; one per request
// caps throughput near a few thousand a second. Batching shares one fsync among many
// submissions without weakening durability. PostgreSQL gains the same way (one commit,
// two statements per batch). A code used earlier, or twice within a batch, rejects only
// its own submission. Marking the code and inserting the response share a transaction
// but nothing else: the invite row holds no response id and the response no code.
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { sqliteConnectionOf } from '../connect.js';
import type { Database, NewResponse } from '../database.js';

type Db = Kysely<Database>;

export interface Submission {
  row: NewResponse;
  /** Keyed hash of the invite code to mark used; absent for open-link and imported answers. */
  codeHash?: string;
}

export type SubmissionResult = { status: 'stored'; id: string } | { status: 'code_used' };

export interface SubmissionWriter {
  submit(submission: Submission): Promise<SubmissionResult>;
  /** Writes whatever is queued, then refuses new submissions. */
  close(): Promise<void>;
}

export interface WriterOptions {
  /** Most submissions per transaction: bounds a batch's statement size and latency. */
  maxBatch?: number;
}

interface Pending {
  submission: Submission;
  resolve(result: SubmissionResult): void;
  reject(error: unknown): void;
}

// A response row has ~70 columns; SQLite allows 32,766 bound parameters per statement.
const MAX_ROWS_PER_INSERT = 400;

export function createSubmissionWriter(db: Db, options: WriterOptions = {}): SubmissionWriter {
  const maxBatch = options.maxBatch ?? 200;
  const conn = sqliteConnectionOf(db);
  const direct = conn ? directWriter(conn) : undefined;
  let queue: Pending[] = [];
  let running: Promise<void> | null = null;
  let closed = false;

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await writeBatch(db, batch, direct);
    }
  };
  const kick = () => {
    if (running) return;
    // setImmediate lets every request already being handled join the batch.
    running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .finally(() => {
        running = null;
        if (queue.length > 0) kick();
      });
  };

  return {
    submit(submission) {
      if (closed) return Promise.reject(new Error('The submission writer is closed: the service is shutting down.'));
      return new Promise<SubmissionResult>((resolve, reject) => {
        queue.push({ submission, resolve, reject });
        kick();
      });
    },
    async close() {
      closed = true;
      while (running) await running;
    },
  };
}

async function writeBatch(db: Db, batch: Pending[], direct?: DirectWriter): Promise<void> {
  let results: SubmissionResult[];
  try {
    const submissions = batch.map((p) => p.submission);
    // The direct path runs synchronously, so nothing can interleave with it; while a Kysely
    // transaction holds the connection (an import awaiting between statements) it would
    // become a savepoint inside that transaction, so it waits its turn through Kysely instead.
    results = direct && !direct.conn.inTransaction
      ? direct.write(submissions)
      : await db.transaction().execute((trx) => writeInTransaction(trx, submissions));
  } catch (batchError) {
    if (batch.length === 1) {
      batch[0].reject(batchError);
      return;
    }
    // One bad row must not fail its neighbours: retry each alone so only the culprit fails.
    for (const p of batch) await writeBatch(db, [p], direct);
    return;
  }
  batch.forEach((p, i) => p.resolve(results[i]));
}

async function writeInTransaction(trx: Db, submissions: Submission[]): Promise<SubmissionResult[]> {
  const hashes = [...new Set(submissions.flatMap((s) => (s.codeHash ? [s.codeHash] : [])))];
  const marked = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await trx
      .updateTable('invites')
      .set({ used: 1 })
      .where('code_hash', 'in', hashes.slice(i, i + 500))
      .where('used', '=', 0)
      .where('revoked', '=', 0)
      .returning('code_hash')
      .execute();
    for (const r of rows) marked.add(r.code_hash);
  }
  const results: SubmissionResult[] = [];
  const rows: NewResponse[] = [];
  for (const s of submissions) {
    // The first submission in the batch carrying a code claims it; any later one is refused.
    if (s.codeHash && !marked.delete(s.codeHash)) {
      results.push({ status: 'code_used' });
      continue;
    }
    rows.push(s.row);
    results.push({ status: 'stored', id: s.row.id });
  }
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
    await trx.insertInto('responses').values(rows.slice(i, i + MAX_ROWS_PER_INSERT)).execute();
  }
  return results;
}

interface DirectWriter {
  conn: SQLite.Database;
  write(submissions: Submission[]): SubmissionResult[];
}

/**
 * SQLite: the same transaction through prepared statements kept for the writer's lifetime —
 * one UPDATE … RETURNING per code (the first submission carrying a code claims it, as above)
 * and one single-row INSERT per response. Same rows, same all-or-nothing COMMIT with
 * synchronous=FULL, without compiling two queries (one of ~70 × batch parameters) per batch.
 */
function directWriter(conn: SQLite.Database): DirectWriter {
  const mark = conn.prepare("UPDATE invites SET used = 1 WHERE code_hash = ? AND used = 0 AND revoked = 0 RETURNING code_hash");
  // Keyed by the row's column list, which toResponseRow keeps the same for every response.
  const inserts = new Map<string, SQLite.Statement>();
  const insertFor = (columns: string[]) => {
    const key = columns.join(',');
    let stmt = inserts.get(key);
    if (!stmt) {
      stmt = conn.prepare(`INSERT INTO responses (${columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      inserts.set(key, stmt);
    }
    return stmt;
  };
  const write = conn.transaction((submissions: Submission[]): SubmissionResult[] => {
    const results: SubmissionResult[] = [];
    for (const s of submissions) {
      if (s.codeHash !== undefined && mark.get(s.codeHash) === undefined) {
        results.push({ status: 'code_used' });
        continue;
      }
      // Kysely leaves out undefined values; so does this.
      const columns: string[] = [];
      const values: unknown[] = [];
      for (const [column, value] of Object.entries(s.row)) {
        if (value === undefined) continue;
        columns.push(column);
        values.push(value);
      }
      insertFor(columns).run(values);
      results.push({ status: 'stored', id: s.row.id });
    }
    return results;
  });
  return { conn, write: (submissions) => write(submissions) };
}

const writers = new WeakMap<Db, SubmissionWriter>();

/** The one writer per database, shared by the survey pages and the API so they batch together. */
export function submissionWriterFor(db: Db): SubmissionWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = createSubmissionWriter(db);
    writers.set(db, writer);
  }
  return writer;
}

/** Flushes and forgets the shared writer of `db` (graceful shutdown). */
export async function closeSubmissionWriter(db: Db): Promise<void> {
  const writer = writers.get(db);
  writers.delete(db);
  await writer?.close();
}
