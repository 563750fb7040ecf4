// Runs a query and hands back its rows as columns (row-columns.mjs), on whichever database
// is open: on SQLite the compiled query runs on the better-sqlite3 connection in raw (array)
// mode — no JS object with named properties per row, which for a wide read costs more than
// the rest of the marshalling — and on a SQLite file it can run on reader threads of its
// own, one per core; on PostgreSQL Kysely runs it. Every path feeds the same loop, so they
// return the same columns.
import { threadId } from 'node:worker_threads';
import type { Compilable, Kysely } from 'kysely';
import { sqliteConnectionOf } from '../connect.js';
import type { Database } from '../database.js';
import { WorkerClient } from '../worker-client.js';
import { rowsToColumns, type Columns, type ColumnSpec } from './row-columns.mjs';

export interface ColumnRead {
  columns: Columns;
  /** The thread that read it (worker_threads' threadId): this one, or a reader thread. */
  thread: number;
}

export interface ColumnReader {
  /** Reader threads in use: 0 when queries run on this thread. */
  readonly threads: number;
  read(query: Compilable<unknown>): Promise<ColumnRead>;
  /** Stops the reader threads (reads still out are rejected) and waits for them to exit. */
  close(): Promise<void>;
}

export interface ColumnReaderOptions {
  /** Reader threads for a SQLite file (default 0); elsewhere queries run on this thread. */
  threads?: number;
}

/** A reader of queries whose selected columns are `columns`, in that order. */
export function openColumnReader(db: Kysely<Database>, columns: readonly ColumnSpec[], options: ColumnReaderOptions = {}): ColumnReader {
  const threads = options.threads ?? 0;
  if (!Number.isInteger(threads) || threads < 0) throw new RangeError(`Reader threads must be a whole number ≥ 0, not ${threads}.`);
  // Plain specs only: they are cloned to the threads.
  const specs = columns.map(({ name, kind }) => ({ name, kind }));
  const conn = sqliteConnectionOf(db);
  if (conn && !conn.memory && threads > 0) return onThreads(conn.name, specs, threads);
  return {
    threads: 0,
    async read(query) {
      let rows: unknown[];
      if (conn) {
        const { sql, parameters } = query.compile();
        rows = conn.prepare(sql).raw(true).all(...parameters) as unknown[][];
      } else {
        rows = (await db.executeQuery(query)).rows;
      }
      return { columns: rowsToColumns(rows, specs), thread: threadId };
    },
    async close() {},
  };
}

interface ReadRequest {
  sql: string;
  parameters: readonly unknown[];
}

/** Queries taken in turn by `threads` threads, each with its own read-only connection to `file`. */
function onThreads(file: string, columns: ColumnSpec[], threads: number): ColumnReader {
  const clients = Array.from(
    { length: threads },
    (_, i) =>
      new WorkerClient<ReadRequest, ColumnRead>({
        name: `column reader thread ${i + 1} of ${threads}`,
        url: new URL('./column-reader.worker.mjs', import.meta.url),
        workerData: { file, columns },
      }),
  );
  let next = 0;
  return {
    threads,
    read(query) {
      const { sql, parameters } = query.compile();
      return clients[next++ % threads].request({ sql, parameters });
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}
