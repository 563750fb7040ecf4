// Drives POST /api/v1/responses with autocannon, a fresh invite code in every body, and
// reduces the result to what the report needs: completed submissions per second and latency.
// Each body carries a fresh idempotency token, as a client that retries safely sends (and
// as every survey form's final submit carries one): the write path records its hash.
import crypto from 'node:crypto';
import autocannon from 'autocannon';
import { submissionBody } from '../../tests/kit/payload.js';

export interface CannonOptions {
  url: string;
  connections: number;
  durationS: number;
  /** Codes handed out one per request; when they run out the run stops early. */
  codes: readonly string[];
  /** Leave out the idempotency token (to drive a build from before it existed; default: send one). */
  noIdempotencyToken?: boolean;
}

export interface CannonSummary {
  connections: number;
  durationS: number;
  /** 2xx answers per second of the run. */
  perSecond: number;
  ok: number;
  non2xx: number;
  /** Count of each status other than 2xx, e.g. { '409': 3 }. */
  otherStatuses: Record<string, number>;
  status5xx: number;
  errors: number;
  p50: number;
  p99: number;
  /** True when the codes ran out before the duration did (the figure is then a lower bound). */
  exhausted: boolean;
}

export async function runCannon(options: CannonOptions): Promise<CannonSummary> {
  let next = 0;
  let exhausted = false;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    requests: [{
      method: 'POST',
      path: '/api/v1/responses',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        if (next >= options.codes.length) {
          exhausted = true;
          next = 0;
        }
        const body = submissionBody(options.codes[next++]);
        // The token goes first, spliced in: the body is otherwise the payload kit's, byte for byte.
        return { ...req, body: options.noIdempotencyToken ? body : `{"idempotency_token":"${crypto.randomUUID()}",${body.slice(1)}` };
      },
    }],
  });
  return {
    connections: options.connections,
    durationS: result.duration,
    perSecond: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    otherStatuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {})
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, stat]) => [status, stat.count ?? 0])),
    status5xx: result['5xx'],
    errors: result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
    exhausted,
  };
}
