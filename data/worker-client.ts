// The main thread's side of a worker thread that answers requests: one lifecycle for every
// thread Rootwork starts (the extract's response readers, the SQLite writer). The thread is
// started on first use and started afresh on the next use after it dies; every request
// waiting on a thread that fails or exits is rejected with an error naming the thread; the
// process is kept alive only while a request is waiting, so an idle thread never holds it
// open; close() lets the thread finish and waits for it to exit.
//
// The protocol: each request is posted as `{ id, ...message }`; the thread answers
// `{ id, ...reply }`, or `{ id, error: { message, code? } }` for a request it could not
// serve (the thread itself lives on).
import { Worker, type TransferListItem } from 'node:worker_threads';

export interface WorkerClientOptions {
  /** Names the thread in errors, as in "The SQLite writer thread stopped (exit code 1)." */
  name: string;
  /** The thread's module: plain JavaScript (.mjs), so it starts without a TypeScript loader. */
  url: URL;
  workerData?: unknown;
  /**
   * A request asking the thread to finish its work and exit (it answers, then ends);
   * without one, close() terminates the thread.
   */
  closeMessage?: object;
  /** The error every failure is reported as (default WorkerThreadError), for callers with an error type of their own. */
  error?: (message: string, details: { code?: string; cause?: unknown }) => Error;
}

/** A reply to a request the thread could not serve. */
export interface WorkerErrorReply {
  message: string;
  code?: string;
}

export class WorkerThreadError extends Error {
  readonly code: string | undefined;
  constructor(message: string, details: { code?: string; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.name = 'WorkerThreadError';
    this.code = details.code;
  }
}

interface Waiting {
  resolve(reply: object): void;
  reject(error: Error): void;
}

/** One running thread and the requests waiting on it: a dead thread fails only its own. */
interface Running {
  worker: Worker;
  waiting: Map<number, Waiting>;
  closing: boolean;
}

export class WorkerClient<Request extends object, Reply extends object> {
  readonly #options: WorkerClientOptions;
  #running: Running | undefined;
  /** Threads started and not yet exited: a failed thread may still be ending when close() is called. */
  readonly #exits = new Set<Promise<void>>();
  #nextId = 1;

  constructor(options: WorkerClientOptions) {
    this.#options = options;
  }

  get name(): string {
    return this.#options.name;
  }

  /** Whether a thread is running now (none before first use, after close, or after a death). */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Sends a request (starting the thread if none runs) and resolves with its reply, less the id. */
  request(message: Request, transfer?: readonly TransferListItem[]): Promise<Reply> {
    const running = this.#running ?? this.#start();
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      running.waiting.set(id, { resolve: resolve as (reply: object) => void, reject });
      running.worker.ref();
      running.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Lets the thread finish (closeMessage) or terminates it, and waits until it has exited. */
  async close(): Promise<void> {
    const running = this.#running;
    if (running) {
      // Held referenced until it has exited, so the process cannot end with the close unsettled.
      running.closing = true;
      running.worker.ref();
      const { closeMessage } = this.#options;
      // A thread that dies instead of answering has still ended, which is all close asks.
      if (closeMessage) await this.request(closeMessage as Request).catch(() => undefined);
      else await running.worker.terminate();
    }
    await Promise.all(this.#exits);
  }

  #start(): Running {
    const { url, workerData } = this.#options;
    const worker = new Worker(url, { workerData });
    const running: Running = { worker, waiting: new Map(), closing: false };
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.#exits.add(exited);
    void exited.then(() => this.#exits.delete(exited));
    worker.on('message', (reply: { id?: number; error?: WorkerErrorReply }) => {
      // Only replies are expected: a message matching no waiting request has no one to go to.
      const waiting = reply.id === undefined ? undefined : running.waiting.get(reply.id);
      if (!waiting) return;
      running.waiting.delete(reply.id!);
      if (reply.error) waiting.reject(this.#error(`The ${this.name} could not serve a request: ${reply.error.message}`, { code: reply.error.code }));
      else {
        const { id: _id, ...rest } = reply;
        waiting.resolve(rest);
      }
      if (running.waiting.size === 0 && !running.closing) worker.unref();
    });
    const fail = (error: Error) => {
      if (this.#running === running) this.#running = undefined;
      for (const waiting of running.waiting.values()) waiting.reject(error);
      running.waiting.clear();
    };
    worker.on('error', (cause) => fail(this.#error(`The ${this.name} failed: ${cause.message}`, { cause })));
    worker.on('exit', (code) => fail(this.#error(`The ${this.name} stopped (exit code ${code}).`, {})));
    this.#running = running;
    return running;
  }

  #error(message: string, details: { code?: string; cause?: unknown }): Error {
    return this.#options.error ? this.#options.error(message, details) : new WorkerThreadError(message, details);
  }
}
