// Limits per source (client-source.ts: an address, an IPv6 /64, or the client behind a
// trusted proxy), kept in memory only, without storing or logging any address: each source
// is counted under a keyed hash of it, keyed with a random key that exists only in this
// process's memory, and a count is dropped once it has run back to full.
//
// Each source has a bucket of `perClient` tries that refills steadily over `windowMs`;
// a source with an empty bucket waits for the next try (Retry-After), not for a fixed
// lock-out. Two limiters use it:
// - failed codes (createFailureLimiter): only unknown codes take a try, so a person with a
//   valid code is never stopped by other people's guesses. There is no global ceiling: a
//   flood of bad codes from many sources cannot lock anyone else out. Guessing stays
//   hopeless without one: a code is 60 random bits (SECURITY.md).
// - open-link submissions (createSubmissionLimiter): each final submit takes a try.
// The map of sources is bounded (`maxSources`): when it is full the least recently counted
// source is forgotten, so a flood from very many addresses cannot exhaust memory.
import crypto from 'node:crypto';
import type { Context } from 'hono';
import { requestSource } from './client-source.js';

export interface SourceLimiterOptions {
  /** Tries one source may make at once; they come back one by one over the window. */
  perClient?: number;
  windowMs?: number;
  /** Most sources counted at once. */
  maxSources?: number;
  /** Reverse proxies whose X-Forwarded-For to believe (config.trustProxy); 0 by default. */
  trustProxy?: number;
  now?: () => number;
}

export interface SourceLimiter {
  /** Seconds this request's source must wait before its next try; 0 when it may try now. */
  blocked(c: Context): number;
  /** Takes one try from this request's source. */
  record(c: Context): void;
  /** Sources counted right now (for tests of the bound). */
  readonly size: number;
}

export interface FailureLimiter {
  /** Seconds this source must wait after too many unknown codes; 0 when it may look one up. */
  blocked(c: Context): number;
  recordFailure(c: Context): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createSourceLimiter(options: SourceLimiterOptions = {}): SourceLimiter {
  const capacity = options.perClient ?? 10;
  const windowMs = options.windowMs ?? 10 * 60_000;
  const maxSources = options.maxSources ?? 50_000;
  const trustProxy = options.trustProxy ?? 0;
  const now = options.now ?? Date.now;
  const perToken = windowMs / capacity;
  const key = crypto.randomBytes(32);
  const buckets = new Map<string, Bucket>();

  const keyOf = (c: Context) => crypto.createHmac('sha256', key).update(requestSource(c, trustProxy)).digest('base64url');
  const level = (b: Bucket, t: number) => Math.min(capacity, b.tokens + Math.max(0, t - b.at) / perToken);

  let nextSweep = 0;
  const sweep = (t: number) => {
    // A bucket back to full says nothing a missing one does not; sweeping at most every
    // tenth of a window keeps a request O(1) however many sources were counted.
    if (t < nextSweep) return;
    nextSweep = t + windowMs / 10;
    for (const [k, b] of buckets) if (level(b, t) >= capacity) buckets.delete(k);
  };

  return {
    blocked(c) {
      const t = now();
      sweep(t);
      // No source has been counted lately: nothing to look up, so skip hashing the address.
      if (buckets.size === 0) return 0;
      const b = buckets.get(keyOf(c));
      if (!b) return 0;
      const tokens = level(b, t);
      return tokens >= 1 ? 0 : Math.max(1, Math.ceil(((1 - tokens) * perToken) / 1000));
    },
    record(c) {
      const t = now();
      sweep(t);
      const k = keyOf(c);
      const b = buckets.get(k);
      const tokens = b ? level(b, t) : capacity;
      // Re-inserted, so the map's order is least recently counted first.
      buckets.delete(k);
      buckets.set(k, { tokens: Math.max(0, tokens - 1), at: t });
      while (buckets.size > maxSources) buckets.delete(buckets.keys().next().value as string);
    },
    get size() {
      return buckets.size;
    },
  };
}

export type FailureLimiterOptions = SourceLimiterOptions;

/** Unknown codes: 10 per source, coming back one a minute. */
export function createFailureLimiter(options: FailureLimiterOptions = {}): FailureLimiter {
  const limiter = createSourceLimiter({ perClient: 10, windowMs: 10 * 60_000, ...options });
  return { blocked: (c) => limiter.blocked(c), recordFailure: (c) => limiter.record(c) };
}

/**
 * Open-link submissions: 30 per source, coming back one every two minutes. An office of
 * many people behind one address without a trusted proxy shares these (docs/operations.md).
 */
export function createSubmissionLimiter(options: SourceLimiterOptions = {}): SourceLimiter {
  return createSourceLimiter({ perClient: 30, windowMs: 60 * 60_000, ...options });
}

/** The Retry-After header for a wait in seconds. */
export function retryAfter(seconds: number): Record<string, string> {
  return { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) };
}
