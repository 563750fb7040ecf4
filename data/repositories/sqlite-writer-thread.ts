// The main thread's side of the SQLite writer thread (sqlite-writer.worker.mjs): started on
// the first batch, one message per batch, never holding the process open while idle, and
// started afresh if it dies (whatever it was writing is refused, never half-written: its
// transaction rolls back with it).
import { Worker } from 'node:worker_threads';
import type { InviteGateRow } from './entry-gate.js';

export interface WriterSetup {
  file: string;
  pragmas: string[];
  sql: { claim: string; lookup: string; insert: string };
  /** The INSERT's columns, in order: a body's keys, then wave_id and organization_id. */
  columns: string[];
}

/** A submission as it crosses to the thread: an invite to claim, or a known wave and organization. */
export type WireSubmission =
  | { json: string; codeHash: string; day: string }
  | { json: string; waveId: string; organizationId: string };

/** Null when stored; for a refused code, its invite and wave row (null when there is none). */
export type WireResult = null | { refused: InviteGateRow | null };

interface Reply {
  id: number;
  results?: WireResult[];
  error?: { message: string; code?: string };
  closed?: true;
}

interface Waiting {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

export class SqliteWriteError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'SqliteWriteError';
  }
}

const WORKER_URL = new URL('./sqlite-writer.worker.mjs', import.meta.url);

export class SqliteWriterThread {
  readonly #setup: WriterSetup;
  #worker: Worker | undefined;
  #nextId = 1;
  #closing = false;
  readonly #waiting = new Map<number, Waiting>();

  constructor(setup: WriterSetup) {
    this.#setup = setup;
  }

  /** Writes one batch in one transaction; resolves after COMMIT with one result per submission. */
  async write(batch: WireSubmission[]): Promise<WireResult[]> {
    const reply = await this.#send({ batch });
    if (reply.error) throw new SqliteWriteError(`Writing submissions failed: ${reply.error.message}`, reply.error.code);
    return reply.results ?? [];
  }

  /** Closes the thread's connection and waits for the thread to end. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    // Held referenced until it has exited, so the process cannot end with the close unsettled.
    this.#closing = true;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await this.#send({ close: true }).catch(() => undefined);
    await exited;
    this.#closing = false;
  }

  #send(message: { batch: WireSubmission[] } | { close: true }): Promise<Reply> {
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...message });
    });
  }

  #start(): Worker {
    const worker = new Worker(WORKER_URL, { workerData: this.#setup });
    worker.on('message', (reply: Reply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0 && !this.#closing) worker.unref();
      waiting?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    worker.on('error', (error) => fail(new SqliteWriteError(`The SQLite writer thread failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new SqliteWriteError(`The SQLite writer thread stopped (exit code ${code}).`)));
    this.#worker = worker;
    return worker;
  }
}
