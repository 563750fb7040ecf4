// Runs a query — once, or once per value of a placeholder parameter (ForEach), the rows laid
// end to end and counted per value — and hands back its rows as columns (row-columns.mjs),
// on whichever database is open: on SQLite the compiled query runs on the better-sqlite3
// connection in raw (array) mode — no JS object with named properties per row, which for a
// wide read costs more than the rest of the marshalling — and on a SQLite file it can run on
// reader threads of its own, one per core; on PostgreSQL Kysely runs it. Every path feeds
// the same loop, so they return the same columns.
import { threadId } from 'node:worker_threads';
import type { Compilable, Kysely } from 'kysely';
import { sqliteConnectionOf } from '../connect.js';
import type { Database } from '../database.js';
import { WorkerClient } from '../worker-client.js';
import { rowsToColumns, type Columns, type ColumnSpec } from './row-columns.mjs';
import { statementRows, type Each } from './statement-rows.mjs';

export interface ColumnRead {
  columns: Columns;
  /** Read with ForEach: the rows that came for each value, in its order. */
  counts?: number[];
  /** The thread that read it (worker_threads' threadId): this one, or a reader thread. */
  thread: number;
}

/**
 * Run the query once per value, with the parameter whose value is `placeholder` set to each
 * in turn: the rows come laid end to end in the values' order.
 */
export interface ForEach {
  placeholder: unknown;
  values: readonly unknown[];
}

export interface ColumnReader {
  /** Reader threads in use: 0 when queries run on this thread. */
  readonly threads: number;
  read(query: Compilable<unknown>, each?: ForEach): Promise<ColumnRead>;
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
    async read(query, each) {
      const compiled = query.compile();
      const at = eachOf(compiled.parameters, each);
      let read: { rows: unknown[]; counts?: number[] };
      if (conn) {
        read = statementRows(conn.prepare(compiled.sql).raw(true), compiled.parameters, at);
      } else if (at) {
        // A query per value: correct anywhere, though on a server each is a round trip.
        read = { rows: [], counts: [] };
        const parameters = [...compiled.parameters];
        for (const value of at.values) {
          parameters[at.at] = value;
          const part = (await db.executeQuery({ ...compiled, parameters })).rows;
          for (const row of part) read.rows.push(row);
          read.counts!.push(part.length);
        }
      } else {
        read = { rows: (await db.executeQuery(compiled)).rows };
      }
      return { columns: rowsToColumns(read.rows, specs), thread: threadId, ...(read.counts ? { counts: read.counts } : {}) };
    },
    async close() {},
  };
}

interface ReadRequest {
  sql: string;
  parameters: readonly unknown[];
  each?: Each;
}

/** Where the placeholder sits among the compiled parameters. */
function eachOf(parameters: readonly unknown[], each: ForEach | undefined): Each | undefined {
  if (!each) return undefined;
  const at = parameters.indexOf(each.placeholder);
  if (at < 0 || parameters.indexOf(each.placeholder, at + 1) >= 0) throw new Error(`The query must take the placeholder ${String(each.placeholder)} as exactly one of its parameters.`);
  return { at, values: each.values };
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
    read(query, each) {
      const { sql, parameters } = query.compile();
      const at = eachOf(parameters, each);
      return clients[next++ % threads].request(at ? { sql, parameters, each: at } : { sql, parameters });
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}
