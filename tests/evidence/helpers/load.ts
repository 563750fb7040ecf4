// A bounded load generator for the evidence tests: N concurrent clients on loopback, each
// posting complete submissions with fresh invite codes until a deadline, recording which
// codes the server acknowledged (2xx) so the database can be checked against them.
import http from 'node:http';
import { submissionBody } from '../../kit/payload.js';

/** Sent by every load client, so a test can look for it in the database and the logs. */
export const PROBE_USER_AGENT = 'RootworkEvidenceProbe/8.0 (load-test; probe-ua-5d1c)';

export interface LoadOptions {
  url: string;
  clients: number;
  durationMs: number;
  codes: readonly string[];
  /** Called once, when this many submissions have been acknowledged (e.g. to SIGKILL the server). */
  onAcknowledged?: { count: number; run: () => void };
}

export interface LoadResult {
  /** Codes whose submission got a 2xx answer. */
  acknowledged: string[];
  /** Codes sent whose answer never came (connection reset, server killed). */
  unanswered: string[];
  statuses: Map<number, number>;
  /** A sample of non-2xx bodies, to say what went wrong. */
  sampleErrors: string[];
  requests: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const target = new URL('/api/v1/responses', options.url);
  const deadline = Date.now() + options.durationMs;
  const result: LoadResult = { acknowledged: [], unanswered: [], statuses: new Map(), sampleErrors: [], requests: 0 };
  let next = 0;
  let fired = false;
  const client = async () => {
    while (Date.now() < deadline) {
      // Past the last fresh code, codes are sent again: those must be refused (409), not stored.
      const code = options.codes[next++ % options.codes.length];
      result.requests += 1;
      const answer = await post(agent, target, submissionBody(code)).catch(() => undefined);
      if (!answer) {
        result.unanswered.push(code);
        // The server is gone (killed): stop this client instead of spinning on refusals.
        if (options.onAcknowledged && fired) return;
        continue;
      }
      result.statuses.set(answer.status, (result.statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 200 && answer.status < 300) result.acknowledged.push(code);
      else if (result.sampleErrors.length < 5) result.sampleErrors.push(`${answer.status} ${answer.body.slice(0, 300)}`);
      if (options.onAcknowledged && !fired && result.acknowledged.length >= options.onAcknowledged.count) {
        fired = true;
        options.onAcknowledged.run();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.clients }, client));
  } finally {
    agent.destroy();
  }
  return result;
}

function post(agent: http.Agent, url: URL, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': PROBE_USER_AGENT },
      timeout: 30_000,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export function count5xx(statuses: Map<number, number>): number {
  let n = 0;
  for (const [status, c] of statuses) if (status >= 500) n += c;
  return n;
}
