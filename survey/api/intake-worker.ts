// The intake thread's work: it takes the requests waiting on its port, all of them at once.
// A body that passes with an invite code, sent with an inlet, goes on to the writer thread
// through that inlet's port, FORWARD_EVERY at a time as they pass; the outcome of every other
// body comes back to the request thread, all of them in one message. A body whose check
// throws (a bug) fails alone, with the reason; its neighbours are answered as usual.
//
// Why a few at a time: the writer is often idle, waiting for the next checked bodies, while
// this thread checks twenty in a row (about 40 µs each). Sent on as they pass, the first ones
// start the writer's next transaction early, and the rest join the one after. Measured with
// `npm run bench:ab` at 50 connections (10 pairs of 4 s): 3 at a time against all at once,
// B/A 1.10, 8 of 10 pairs.
//
// While requests keep coming the thread looks for them every POLL_MS instead of sleeping
// until told: waking a sleeping thread cost the waker ~30 µs on this VM, and the waker
// would be the request thread, once per message. After IDLE_MS without a request it sleeps
// until the request thread wakes it (see WAKE in intake-thread.ts), so an idle service
// costs nothing; every YIELD_MS it lets its event loop run the engine's own tasks.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { frameInletBatch } from '../../data/submissions/inlet-wire.mjs';
import type { InletSubmission } from '../../data/submissions/sqlite-thread.js';
import { WAKE, type IntakeMessage, type IntakeReply, type IntakeWorkerData } from './intake-thread.js';
import { readItems, type IntakeItem } from './intake-wire.js';
import { parseSubmission } from '../respond/submission-parse.js';

if (!parentPort) throw new Error('intake-worker.ts runs as a worker thread only.');
const port = parentPort;
const { port: requests, wake } = workerData as IntakeWorkerData;
const state = new Int32Array(wake);
const inlets = new Map<number, MessagePort>();

/** Bodies passed on to the writer per message, at most. */
const FORWARD_EVERY = 3;
const POLL_MS = 0.2;
const IDLE_MS = 20;
const YIELD_MS = 50;

/** Takes every message waiting; false when there was none. */
function takeWaiting(): boolean {
  const items: IntakeItem[] = [];
  let message = receiveMessageOnPort(requests);
  if (!message) return false;
  for (; message; message = receiveMessageOnPort(requests)) {
    const m = message.message as IntakeMessage;
    if (typeof m === 'string') {
      items.push(...readItems(m));
    } else if ('inlet' in m) {
      inlets.set(m.inlet, m.port);
    } else {
      inlets.get(m.drop)?.close();
      inlets.delete(m.drop);
    }
  }
  if (items.length > 0) check(items);
  return true;
}

function serve(): void {
  const started = performance.now();
  let lastRequest = started;
  for (;;) {
    if (takeWaiting()) {
      lastRequest = performance.now();
      continue;
    }
    const now = performance.now();
    if (now - started > YIELD_MS) {
      setImmediate(serve);
      return;
    }
    if (now - lastRequest < IDLE_MS) {
      Atomics.wait(state, 0, WAKE.awake, POLL_MS);
      continue;
    }
    // Asleep from here: the request thread reads the flag after each message it sends. A
    // message sent before the flag was set is found by the look that follows it.
    Atomics.store(state, 0, WAKE.asleep);
    if (!takeWaiting()) Atomics.wait(state, 0, WAKE.asleep);
    Atomics.store(state, 0, WAKE.awake);
    lastRequest = performance.now();
  }
}

function check(items: readonly IntakeItem[]): void {
  const tickets: number[] = [];
  const replies: IntakeReply[] = [];
  const forward = new Map<MessagePort, InletSubmission[]>();
  for (const item of items) {
    let reply: IntakeReply;
    try {
      reply = parseSubmission(item.text, item);
    } catch (error) {
      reply = { failed: (error as Error).message };
    }
    const inlet = inlets.get(item.inlet);
    if (inlet && 'ok' in reply && reply.ok && reply.codeHash !== undefined) {
      const batch = forward.get(inlet) ?? [];
      batch.push({ ticket: item.ticket, json: reply.body.json, codeHash: reply.codeHash, day: item.receivedOn });
      if (batch.length < FORWARD_EVERY) {
        forward.set(inlet, batch);
      } else {
        inlet.postMessage(frameInletBatch(batch));
        forward.delete(inlet);
      }
    } else {
      tickets.push(item.ticket);
      replies.push(reply);
    }
  }
  for (const [inlet, batch] of forward) inlet.postMessage(frameInletBatch(batch));
  if (tickets.length > 0) port.postMessage({ tickets, replies });
}

port.postMessage({ ready: true });
// After this module has finished loading (the loop never gives the import back otherwise).
setImmediate(serve);
