// Graceful close of the real HTTP server: requests in flight finish and are answered with
// `Connection: close` (so keep-alive clients reconnect and are refused), and a request that
// never finishes cannot hold the stop open past the timeout.
import http from 'node:http';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../survey/server.js';

function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    }).on('error', reject);
  });
}

describe('startServer close', () => {
  let server: RunningServer | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  afterEach(async () => {
    agent.destroy();
    await server?.close({ timeoutMs: 10 });
  });

  it('answers in-flight requests with Connection: close, then stops', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => { arrived = r; });
    const app = new Hono()
      .get('/fast', (c) => c.text('ok'))
      .get('/slow', async (c) => { arrived(); await gate; return c.text('done'); });
    server = await startServer(app, 0);
    const first = await get(agent, server.port, '/fast');
    expect(first.connection).toBe('keep-alive');
    const slow = get(agent, server.port, '/slow');
    await inFlight;
    const closed = server.close();
    release();
    const answer = await slow;
    expect(answer).toEqual({ status: 200, connection: 'close', body: 'done' });
    await closed;
    await expect(get(new http.Agent(), server.port, '/fast')).rejects.toThrow(/ECONNREFUSED/);
    server = undefined;
  });

  it('destroys connections still open when the timeout ends', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => { arrived = r; });
    const app = new Hono().get('/hang', async () => { arrived(); return new Promise<Response>(() => {}); });
    server = await startServer(app, 0);
    const hung = get(agent, server.port, '/hang');
    await inFlight;
    await server.close({ timeoutMs: 50 });
    await expect(hung).rejects.toThrow(/socket hang up|ECONNRESET/);
    server = undefined;
  });
});
