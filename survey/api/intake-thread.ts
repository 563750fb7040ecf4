// Where API submission bodies are parsed and checked: on a thread of its own, so that the
// request thread does little more than HTTP. The bodies of requests arriving together cross
// in one message as text. On a SQLite file, a body that passes with an invite code goes from
// there straight to the writer thread (through its inlet, see data/repositories/submissions.ts)
// and only the write's result comes back to the request thread; every other outcome (a
// 4xx, or a body with an open-link token, which needs the database to resolve) comes back
// from the intake thread itself. One thread per process, shared by every app in it: it holds
// no state but the code and the inlet ports. Started by start() or on first use, it never
// keeps the process alive while idle, and it is started afresh if it dies: the requests it
// held are failed, never answered 2xx (one already passed on to the writer may still be stored).
//
// Why: parsing, the zod schema and the instrument's checks cost more than everything else a
// request does on the request thread, and every message between threads costs both ends a
// wake-up; a submission with an invite code crosses three times instead of four (README,
// "Benchmarks").
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { SubmissionInlet, SubmissionResult } from '../../data/submissions/writer.js';
import { parseSubmission, type ParseContext, type ParsedSubmission } from '../respond/submission-parse.js';
import { frameItems, type IntakeItem } from './intake-wire.js';

export interface ParseRequest extends ParseContext {
  text: string;
}

/** The intake's answer: the body checked (to be written by the caller), or already written through the inlet. */
export type IntakeOutcome = ParsedSubmission | { ok: true; written: SubmissionResult };

export interface Intake {
  /** Checks a body; with an inlet, a valid one with an invite code is written there too. */
  check(request: ParseRequest, inlet?: SubmissionInlet): Promise<IntakeOutcome>;
  /** Starts the thread ahead of the first request and resolves once it can take one. */
  start(): Promise<void>;
}

export class IntakeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntakeError';
  }
}

/** The same checks on the calling thread (no worker, nothing written): for tests that compare the two. */
export function inlineIntake(): Intake {
  return { check: async (request) => parseSubmission(request.text, request), start: async () => {} };
}

/** What the thread sends back for a request it did not pass on: the outcome, or why checking it failed. */
export type IntakeReply = ParsedSubmission | { failed: string };

/**
 * The messages the thread takes, all on one port (so an inlet is registered before the
 * first request that names it): requests as one framed string (intake-wire.ts), or an inlet
 * port to register or drop.
 */
export type IntakeMessage = string | { inlet: number; port: MessagePort } | { drop: number };

/** What the thread starts with: its port, and the flag it raises while asleep (an Int32Array of one). */
export interface IntakeWorkerData {
  port: MessagePort;
  wake: SharedArrayBuffer;
}

/** The flag's values: asleep, the thread waits to be notified after each message; awake, it looks by itself. */
export const WAKE = { awake: 0, asleep: 1 } as const;

interface Pending {
  inlet?: SubmissionInlet;
  resolve(outcome: IntakeOutcome): void;
  reject(error: Error): void;
}

const WORKER_URL = new URL('./intake.worker.mjs', import.meta.url);

class IntakeThread implements Intake {
  #worker: Worker | undefined;
  /** This side of the port the running thread takes its messages on. */
  #port: MessagePort | undefined;
  #wake: Int32Array<ArrayBufferLike> = new Int32Array(0);
  #ready: Promise<void> | undefined;
  #queue: IntakeItem[] = [];
  #scheduled = false;
  #nextTicket = 1;
  #nextInlet = 1;
  /** Inlets registered with the running thread, with the writer generation each port reaches. */
  #inlets = new WeakMap<SubmissionInlet, { id: number; generation: number }>();
  readonly #pending = new Map<number, Pending>();

  check(request: ParseRequest, inlet?: SubmissionInlet): Promise<IntakeOutcome> {
    const worker = this.#worker ?? this.#start();
    const ticket = this.#nextTicket++;
    let item: IntakeItem;
    try {
      item = { ticket, inlet: inlet ? this.#register(inlet) : 0, id: request.id, receivedOn: request.receivedOn, secret: request.secret, text: request.text };
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise<IntakeOutcome>((resolve, reject) => {
      const pending: Pending = { inlet, resolve, reject };
      this.#pending.set(ticket, pending);
      if (inlet) {
        // Expected before it is sent: the writer may answer before the intake thread does anything else.
        inlet.expect(ticket, { id: request.id, day: request.receivedOn }).then(
          (written) => this.#settle(ticket)?.resolve({ ok: true, written }),
          (error: Error) => this.#settle(ticket)?.reject(error),
        );
      }
      this.#queue.push(item);
      if (this.#scheduled) return;
      this.#scheduled = true;
      // Every request already being read joins the same message.
      setImmediate(() => this.#flush());
    });
  }

  start(): Promise<void> {
    if (!this.#worker) this.#start();
    return this.#ready!;
  }

  /** Takes a request out of the pending set: the first of its answers wins, any later one is dropped. */
  #settle(ticket: number): Pending | undefined {
    const pending = this.#pending.get(ticket);
    this.#pending.delete(ticket);
    if (this.#pending.size === 0) this.#worker?.unref();
    return pending;
  }

  /** The id under which the running thread knows this inlet, registering a fresh port when the writer thread changed. */
  #register(inlet: SubmissionInlet): number {
    let known = this.#inlets.get(inlet);
    if (known && known.generation === inlet.generation && inlet.generation !== 0) return known.id;
    if (known) this.#post({ drop: known.id });
    const port = inlet.connect();
    known = { id: this.#nextInlet++, generation: inlet.generation };
    this.#post({ inlet: known.id, port }, [port]);
    this.#inlets.set(inlet, known);
    return known.id;
  }

  #flush(): void {
    this.#scheduled = false;
    const items = this.#queue;
    this.#queue = [];
    if (items.length === 0) return;
    const worker = this.#worker ?? this.#start();
    worker.ref();
    this.#post(frameItems(items));
  }

  /** Sends on the thread's port, waking the thread only if it is asleep (see intake-worker.ts). */
  #post(message: IntakeMessage, transfer?: MessagePort[]): void {
    this.#port!.postMessage(message, transfer);
    if (Atomics.load(this.#wake, 0) === WAKE.asleep) {
      Atomics.store(this.#wake, 0, WAKE.awake);
      Atomics.notify(this.#wake, 0);
    }
  }

  #start(): Worker {
    // Held referenced while it loads (start() may be all that keeps the process waiting for
    // it), then only while requests are out: an idle thread never holds the process open.
    const { port1, port2 } = new MessageChannel();
    const wake = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_URL, { workerData: { port: port2, wake } satisfies IntakeWorkerData, transferList: [port2] });
    this.#port = port1;
    this.#wake = new Int32Array(wake);
    this.#inlets = new WeakMap();
    let ready!: () => void;
    let failed!: (error: Error) => void;
    this.#ready = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    // Nobody may be waiting for readiness: an unwatched failure is reported to requests instead.
    this.#ready.catch(() => {});
    worker.on('message', (message: { ready: true } | { tickets: number[]; replies: IntakeReply[] }) => {
      if ('ready' in message) {
        if (this.#pending.size === 0) worker.unref();
        ready();
        return;
      }
      message.tickets.forEach((ticket, i) => {
        const pending = this.#settle(ticket);
        if (!pending) return;
        pending.inlet?.forget(ticket);
        const reply = message.replies[i];
        if ('failed' in reply) pending.reject(new IntakeError(`Checking a submission failed: ${reply.failed}`));
        else pending.resolve(reply);
      });
    });
    const fail = (error: Error) => {
      failed(error);
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      // Requests queued for the next message are sent to the next thread; the rest were held by this one.
      const queued = new Set(this.#queue.map((item) => item.ticket));
      for (const [ticket, pending] of this.#pending) {
        if (queued.has(ticket)) continue;
        this.#pending.delete(ticket);
        pending.inlet?.forget(ticket);
        pending.reject(error);
      }
    };
    worker.on('error', (error) => fail(new IntakeError(`The submission intake thread failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new IntakeError(`The submission intake thread stopped (exit code ${code}).`)));
    this.#worker = worker;
    return worker;
  }
}

let shared: IntakeThread | undefined;

/** The process's intake thread. */
export function sharedIntake(): Intake {
  shared ??= new IntakeThread();
  return shared;
}
