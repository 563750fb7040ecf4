// The main thread's side of the SQLite writer thread (sqlite-writer.worker.mjs): started on
// first use, never holding the process open while idle, and started afresh if it dies
// (whatever it was writing is refused, never half-written: its transaction rolls back with
// it). Batches from this thread are answered by batch; submissions another thread sends
// through an inlet (connectInlet) are answered here by ticket, to whoever expects them.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { InviteGateRow } from './invite-rule.js';

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

/** A submission sent through an inlet: always an invite to claim, answered by its ticket. */
export interface InletSubmission {
  ticket: number;
  json: string;
  codeHash: string;
  day: string;
}

/**
 * Null when stored; for a refused code, its invite and wave row (null when there is none);
 * for a submission whose write failed, why (its neighbours are written without it).
 */
export type WireResult = null | { refused: InviteGateRow | null } | { failed: { message: string; code?: string } };

type Reply = { id: number; results: WireResult[] } | { id: number; closed: true };

/** The results for inlet submissions, as JSON text of this. */
interface TicketResults {
  tickets: number[];
  results: WireResult[];
}

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

export class SqliteWriteError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'SqliteWriteError';
  }
}

const WORKER_URL = new URL('./sqlite-thread.worker.mjs', import.meta.url);

export class SqliteWriterThread {
  readonly #setup: WriterSetup;
  #worker: Worker | undefined;
  #generation = 0;
  #nextId = 1;
  #closing = false;
  readonly #waiting = new Map<number, Waiting<Reply>>();
  readonly #tickets = new Map<number, Waiting<WireResult>>();

  constructor(setup: WriterSetup) {
    this.#setup = setup;
  }

  /** Writes a batch; resolves after its COMMIT with one result per submission. */
  async write(batch: WireSubmission[]): Promise<WireResult[]> {
    const reply = await this.#send({ batch });
    return 'results' in reply ? reply.results : [];
  }

  /**
   * Which thread is running: a port from connectInlet() reaches the thread of the generation
   * it was made in, and is dead once `generation` has changed (0 while none runs).
   */
  get generation(): number {
    return this.#worker ? this.#generation : 0;
  }

  /** A new port into the thread (started if need be), for another thread to send batches framed by inlet-wire.mjs on. */
  connectInlet(): MessagePort {
    const worker = this.#worker ?? this.#start();
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ inlet: port2 }, [port2]);
    return port1;
  }

  /** The result of the inlet submission with this ticket, once the thread has written it. */
  expect(ticket: number): Promise<WireResult> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new SqliteWriteError('The SQLite writer thread is not running: the submission was not written.'));
    return new Promise<WireResult>((resolve, reject) => {
      this.#tickets.set(ticket, { resolve, reject });
      worker.ref();
    });
  }

  /** Stops expecting a ticket (its submission was never sent to the thread). */
  forget(ticket: number): void {
    this.#tickets.delete(ticket);
    this.#unrefIfIdle();
  }

  /** Closes the thread's connection, after writing what it holds, and waits for the thread to end. */
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

  #unrefIfIdle(): void {
    if (this.#waiting.size === 0 && this.#tickets.size === 0 && !this.#closing) this.#worker?.unref();
  }

  #start(): Worker {
    const worker = new Worker(WORKER_URL, { workerData: this.#setup });
    this.#generation += 1;
    worker.on('message', (reply: Reply | string) => {
      if (typeof reply === 'string') {
        const { tickets, results } = JSON.parse(reply) as TicketResults;
        tickets.forEach((ticket, i) => {
          const waiting = this.#tickets.get(ticket);
          this.#tickets.delete(ticket);
          waiting?.resolve(results[i]);
        });
      } else {
        const waiting = this.#waiting.get(reply.id);
        this.#waiting.delete(reply.id);
        waiting?.resolve(reply);
      }
      this.#unrefIfIdle();
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiting of [...this.#waiting.values(), ...this.#tickets.values()]) waiting.reject(error);
      this.#waiting.clear();
      this.#tickets.clear();
    };
    worker.on('error', (error) => fail(new SqliteWriteError(`The SQLite writer thread failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new SqliteWriteError(`The SQLite writer thread stopped (exit code ${code}).`)));
    this.#worker = worker;
    return worker;
  }
}
