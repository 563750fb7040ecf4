// Limits failed survey-code attempts, so codes cannot be guessed by brute force, without
// storing or logging any address. Each client is counted under a keyed hash of its
// address, keyed with a random key that exists only in this process's memory and is never
// written anywhere, and each count is forgotten after a short window. A global ceiling on
// failures caps a guessing attack spread over many addresses; while it is exceeded, every
// code lookup waits out the window (valid codes too: a brief outage beats a guessed code).
import crypto from 'node:crypto';
import type { Context } from 'hono';

export interface FailureLimiterOptions {
  /** Failures one client may make per window. */
  perClient?: number;
  /** Failures all clients together may make per window. */
  globalCeiling?: number;
  windowMs?: number;
  now?: () => number;
}

export interface FailureLimiter {
  /** True when this client (or everyone) has failed too often lately. */
  blocked(c: Context): boolean;
  recordFailure(c: Context): void;
}

/**
 * The peer address of a request served by @hono/node-server; requests made in-process
 * (app.request in tests) have none and share one bucket.
 */
function peerAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'in-process';
}

export function createFailureLimiter(options: FailureLimiterOptions = {}): FailureLimiter {
  const perClient = options.perClient ?? 10;
  const globalCeiling = options.globalCeiling ?? 1000;
  const windowMs = options.windowMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const key = crypto.randomBytes(32);
  const clients = new Map<string, { count: number; resetAt: number }>();
  let global = { count: 0, resetAt: 0 };

  const bucketOf = (c: Context) => crypto.createHmac('sha256', key).update(peerAddress(c)).digest('base64url');
  let nextSweep = 0;
  const sweep = (t: number) => {
    if (global.resetAt <= t) global = { count: 0, resetAt: t + windowMs };
    // Expired buckets are dropped so no count outlives its window by more than a tenth of
    // it; sweeping at most that often keeps a request O(1) however many clients failed.
    if (t < nextSweep) return;
    nextSweep = t + windowMs / 10;
    for (const [k, v] of clients) if (v.resetAt <= t) clients.delete(k);
  };
  const countOf = (k: string, t: number) => {
    const entry = clients.get(k);
    return entry && entry.resetAt > t ? entry.count : 0;
  };

  return {
    blocked(c) {
      const t = now();
      sweep(t);
      if (global.count >= globalCeiling) return true;
      // No client has failed lately: nothing to look up, so skip hashing the address.
      if (clients.size === 0) return false;
      return countOf(bucketOf(c), t) >= perClient;
    },
    recordFailure(c) {
      const t = now();
      sweep(t);
      global.count += 1;
      const k = bucketOf(c);
      const live = clients.get(k);
      const entry = live && live.resetAt > t ? live : { count: 0, resetAt: t + windowMs };
      entry.count += 1;
      clients.set(k, entry);
    },
  };
}
