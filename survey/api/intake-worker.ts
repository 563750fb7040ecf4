// The intake thread's work: each message is the bodies of requests that arrived together;
// the reply holds one outcome per body, in order. A body whose check throws (a bug) fails
// alone, with the reason; its neighbours are answered as usual.
import { parentPort } from 'node:worker_threads';
import type { IntakeReply, ParseRequest } from './intake-thread.js';
import { parseSubmission } from './submission-parse.js';

if (!parentPort) throw new Error('intake-worker.ts runs as a worker thread only.');
const port = parentPort;

port.on('message', ({ id, items }: { id: number; items: ParseRequest[] }) => {
  const replies = items.map((request): IntakeReply => {
    try {
      return parseSubmission(request.text, request);
    } catch (error) {
      return { failed: (error as Error).message };
    }
  });
  port.postMessage({ id, replies });
});
port.postMessage({ ready: true });
