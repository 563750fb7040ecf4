// One operational log line per request: method, path with any survey code, link token or
// query string removed, status and duration. Never an address, user agent, code, or the
// time of day (the log sink adds none either).
import type { MiddlewareHandler } from 'hono';

/** Paths whose next segment is a secret (invite code, open-link or profile token). */
const SECRET_SEGMENT = /^\/(s|o|p)\/[^/]+/i;

export function redactPath(pathname: string): string {
  return pathname.replace(SECRET_SEGMENT, '/$1/…');
}

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    log(`${c.req.method} ${redactPath(c.req.path)} ${c.res.status} ${ms}ms`);
  };
}
