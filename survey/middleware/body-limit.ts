// A request body limit, so a huge or endless body cannot exhaust memory. Wraps
// hono/body-limit and lets each feature answer 413 in its own format (a JSON message for
// the API, a page in the person's language for forms).
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export interface BodyLimitOptions {
  maxBytes: number;
  onTooLarge: (c: Context, maxBytes: number) => Response | Promise<Response>;
}

export function limitBody(options: BodyLimitOptions): MiddlewareHandler {
  if (!Number.isInteger(options.maxBytes) || options.maxBytes <= 0) {
    throw new Error(`limitBody: maxBytes must be a positive whole number (got ${options.maxBytes}).`);
  }
  const inner = bodyLimit({ maxSize: options.maxBytes, onError: (c) => options.onTooLarge(c, options.maxBytes) });
  return async function limitBody(c, next) {
    // With a Content-Length (and no chunking) Node's parser delivers exactly that many bytes,
    // so the header alone decides. Deciding here, without touching c.req.raw.body, keeps the
    // Node adapter's direct body read: hono/body-limit reads `.body`, which builds a full
    // fetch Request and a web stream for every request.
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d+$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > options.maxBytes ? options.onTooLarge(c, options.maxBytes) : next();
    }
    return inner(c, next);
  };
}
