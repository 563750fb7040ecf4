// Where API submission bodies are parsed and checked: on a thread of its own, so that the
// request thread does little more than HTTP. The bodies of requests arriving together cross
// in one message as text; back come the rows to store (as JSON text, see response-body.ts)
// or the answers to give. One thread per process, shared by every app in it: it holds no
// state but the code. Started by start() or on first use, it never keeps the process alive while idle,
// and it is started afresh if it dies (its requests are failed, never answered 2xx).
//
// Why: parsing, the zod schema and the instrument's checks cost more than everything else a
// request does on the request thread, and the garbage they leave is most of what that
// thread's collector has to do: ~129 -> ~71 µs of its CPU a submission at 200 connections
// (per-thread CPU from /proc under autocannon; README, "Benchmarks").
import { Worker } from 'node:worker_threads';
import { parseSubmission, type ParseContext, type ParsedSubmission } from './submission-parse.js';

export interface ParseRequest extends ParseContext {
  text: string;
}

export interface Intake {
  parse(request: ParseRequest): Promise<ParsedSubmission>;
  /** Starts the thread ahead of the first request and resolves once it can take one. */
  start(): Promise<void>;
}

export class IntakeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntakeError';
  }
}

/** The same checks on the calling thread (no worker): for tests that compare the two. */
export function inlineIntake(): Intake {
  return { parse: async (request) => parseSubmission(request.text, request), start: async () => {} };
}

/** What the thread sends back per request: the outcome, or why checking it failed. */
export type IntakeReply = ParsedSubmission | { failed: string };

interface Pending {
  request: ParseRequest;
  resolve(result: ParsedSubmission): void;
  reject(error: Error): void;
}

const WORKER_URL = new URL('./intake.worker.mjs', import.meta.url);

class IntakeThread implements Intake {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #queue: Pending[] = [];
  #scheduled = false;
  #nextId = 1;
  readonly #sent = new Map<number, Pending[]>();

  parse(request: ParseRequest): Promise<ParsedSubmission> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
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

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    this.#sent.set(id, batch);
    worker.ref();
    worker.postMessage({ id, items: batch.map((p) => p.request) });
  }

  #start(): Worker {
    // Held referenced while it loads (start() may be all that keeps the process waiting for
    // it), then only while requests are out: an idle thread never holds the process open.
    const worker = new Worker(WORKER_URL);
    let ready!: () => void;
    let failed!: (error: Error) => void;
    this.#ready = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    // Nobody may be waiting for readiness: an unwatched failure is reported to requests instead.
    this.#ready.catch(() => {});
    worker.on('message', (message: { ready: true } | { id: number; replies: IntakeReply[] }) => {
      if ('ready' in message) {
        if (this.#sent.size === 0) worker.unref();
        ready();
        return;
      }
      const { id, replies } = message;
      const batch = this.#sent.get(id) ?? [];
      this.#sent.delete(id);
      if (this.#sent.size === 0) worker.unref();
      batch.forEach((p, i) => {
        const reply = replies[i];
        if ('failed' in reply) p.reject(new IntakeError(`Checking a submission failed: ${reply.failed}`));
        else p.resolve(reply);
      });
    });
    const fail = (error: Error) => {
      failed(error);
      if (this.#worker === worker) this.#worker = undefined;
      for (const batch of this.#sent.values()) for (const p of batch) p.reject(error);
      this.#sent.clear();
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
