// One operational log line per request: method, route, status and duration. Never an
// address, user agent, code, token, query string or the time of day (the log sink adds none
// either).
//
// Why routes and not paths: a survey code or link token can reach the service in many path
// spellings (/S/CODE, /s/CODE/, /%73/CODE, /s%2FCODE, //s/CODE, a code pasted as the whole
// path), and a pattern that strips one spelling misses the next. So a request a route
// answered is logged by that route's pattern (/s/:ref), which holds no value from the
// request at all; any other request is logged with every path segment that is not a
// literal word of some route replaced by "…".
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

/** Literal path words the service's routes use; anything else in a path may be a secret. */
export type KnownSegments = ReadonlySet<string>;

/** The words around codes and tokens: enough for paths when the app's routes are not given. */
const BASE_SEGMENTS: KnownSegments = new Set(['', 's', 'o', 'p', 'S', 'O', 'P', 'done', 'api', 'v1', 'responses']);

/** Every literal segment of these route paths (parameters and wildcards left out). */
export function knownSegments(routes: readonly { path: string }[]): KnownSegments {
  const words = new Set(BASE_SEGMENTS);
  for (const { path } of routes) {
    for (const segment of path.split('/')) if (!segment.startsWith(':') && !segment.includes('*')) words.add(segment);
  }
  return words;
}

/** The path with every segment that is not a known literal word replaced by "…". */
export function redactPath(pathname: string, known: KnownSegments = BASE_SEGMENTS): string {
  return pathname.split('/').map((segment) => (known.has(segment) ? segment : '…')).join('/');
}

/** What to log for this request's path: the pattern of the route that answered, else the redacted path. */
export function loggedPath(c: Context, known: KnownSegments): string {
  const route = matchedRoutes(c)[c.req.routeIndex];
  // `use()` middlewares are registered for ALL methods with a wildcard: when one of them had
  // the last word (not found, refused before any route), there is no route pattern to give.
  if (!route || (route.method === 'ALL' && route.path.includes('*'))) return redactPath(c.req.path, known);
  return route.path;
}

/** `routes` is read on the first request, once every route is registered. */
export function requestLog(log: (line: string) => void, routes: () => readonly { path: string }[] = () => []): MiddlewareHandler {
  let known: KnownSegments | undefined;
  return async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    known ??= knownSegments(routes());
    log(`${c.req.method} ${loggedPath(c, known)} ${c.res.status} ${ms}ms`);
  };
}
