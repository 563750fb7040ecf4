// WorkerClient against a real worker (tests/fixtures/worker-client/echo.worker.mjs): replies
// reach their own requests in whatever order they come, a refused request fails alone, a
// thread that throws or exits fails every request waiting on it with an error naming the
// thread, the next request starts a new thread, close() waits for the thread to exit, and an
// idle thread does not keep the process alive.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkerClient, WorkerThreadError } from '../../data/worker-client.js';
import { tempDir } from '../helpers/databases.js';

interface EchoRequest {
  op: 'echo' | 'refuse' | 'throw' | 'exit' | 'close';
  value?: unknown;
  after?: number;
  code?: number;
}
interface EchoReply {
  value?: unknown;
  thread?: number;
  closed?: true;
}

const FIXTURES = new URL('../fixtures/worker-client/', import.meta.url);
const client = (options: { marker?: string; closeMessage?: EchoRequest } = {}) =>
  new WorkerClient<EchoRequest, EchoReply>({
    name: 'echo test thread',
    url: new URL('echo.worker.mjs', FIXTURES),
    workerData: { marker: options.marker },
    closeMessage: options.closeMessage,
  });

describe('WorkerClient', () => {
  it('routes each reply to its own request, whatever order the replies come in', async () => {
    const echo = client();
    try {
      const replies = await Promise.all([
        echo.request({ op: 'echo', value: 'slow', after: 20 }),
        echo.request({ op: 'echo', value: 'fast', after: 0 }),
        echo.request({ op: 'echo', value: { nested: [1, 2] }, after: 5 }),
      ]);
      expect(replies.map((r) => r.value)).toEqual(['slow', 'fast', { nested: [1, 2] }]);
      // The reply as the thread sent it, less the id the client added.
      expect(Object.keys(replies[1]).sort()).toEqual(['thread', 'value']);
      // One thread served them all.
      expect(new Set(replies.map((r) => r.thread)).size).toBe(1);
    } finally {
      await echo.close();
    }
  });

  it('fails a refused request alone, with the reason and code, and the thread serves on', async () => {
    const echo = client();
    try {
      const served = echo.request({ op: 'echo', value: 'kept', after: 10 });
      const error = await echo.request({ op: 'refuse', value: 'this one' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerThreadError);
      expect((error as WorkerThreadError).message).toBe('The echo test thread could not serve a request: refused this one');
      expect((error as WorkerThreadError).code).toBe('E_REFUSED');
      expect((await served).value).toBe('kept');
      expect(echo.running).toBe(true);
    } finally {
      await echo.close();
    }
  });

  it('rejects every waiting request when the thread throws, naming the thread, and the next request starts a new one', async () => {
    const echo = client();
    try {
      const first = await echo.request({ op: 'echo', value: 1 });
      const waiting = echo.request({ op: 'echo', value: 'never', after: 1_000_000 });
      const thrower = echo.request({ op: 'throw', value: 7 });
      for (const pending of [waiting, thrower]) {
        await expect(pending).rejects.toBeInstanceOf(WorkerThreadError);
        await expect(pending).rejects.toThrow('The echo test thread failed: thrown on request 7');
      }
      expect(echo.running).toBe(false);
      const again = await echo.request({ op: 'echo', value: 2 });
      expect(again.value).toBe(2);
      expect(again.thread).not.toBe(first.thread);
    } finally {
      await echo.close();
    }
  });

  it('rejects every waiting request when the thread exits, with its exit code, and starts afresh', async () => {
    const echo = client();
    try {
      const first = await echo.request({ op: 'echo', value: 1 });
      const waiting = echo.request({ op: 'echo', value: 'never', after: 1_000_000 });
      const exiting = echo.request({ op: 'exit', code: 3 });
      await expect(waiting).rejects.toThrow('The echo test thread stopped (exit code 3).');
      await expect(exiting).rejects.toThrow(WorkerThreadError);
      const again = await echo.request({ op: 'echo', value: 2 });
      expect(again.thread).not.toBe(first.thread);
    } finally {
      await echo.close();
    }
  });

  it('reports failures as the caller’s own error type when asked to', async () => {
    class ReaderError extends Error {}
    const echo = new WorkerClient<EchoRequest, EchoReply>({
      name: 'typed test thread',
      url: new URL('echo.worker.mjs', FIXTURES),
      error: (message, { cause }) => new ReaderError(message, { cause }),
    });
    try {
      const error = await echo.request({ op: 'throw', value: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReaderError);
      expect((error as Error).message).toBe('The typed test thread failed: thrown on request x');
      expect((error as Error).cause).toBeInstanceOf(Error);
    } finally {
      await echo.close();
    }
  });

  it('close() with a close message waits until the thread has finished and exited', async () => {
    const marker = path.join(tempDir(), 'closed.txt');
    const echo = client({ marker, closeMessage: { op: 'close' } });
    const { thread } = await echo.request({ op: 'echo', value: 1 });
    await echo.close();
    // The thread writes the marker after answering the close, just before it exits.
    expect(fs.readFileSync(marker, 'utf8')).toBe(`closed by thread ${thread}`);
    expect(echo.running).toBe(false);
    // Used again, it starts a new thread.
    const again = await echo.request({ op: 'echo', value: 2 });
    expect(again.thread).not.toBe(thread);
    await echo.close();
  });

  it('close() without a close message terminates the thread, failing what waits on it', async () => {
    const echo = client();
    const waiting = echo.request({ op: 'echo', value: 'never', after: 1_000_000 });
    await echo.close();
    await expect(waiting).rejects.toThrow(/The echo test thread stopped \(exit code \d+\)\./);
    expect(echo.running).toBe(false);
    await echo.close();
  });

  it('keeps the process alive while a request waits, and not once the thread is idle', () => {
    const script = fileURLToPath(new URL('idle.ts', FIXTURES));
    // The script never closes its thread: it must still end, on its own, after the answer.
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.error).toBeUndefined();
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('answered');
  });
});
