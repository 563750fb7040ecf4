// CSRF protection for form posts without any cookie: the form carries a token signed with
// the service secret and bound to the page's scope (its survey link), and a post that a
// browser marks as cross-site (Sec-Fetch-Site, else Origin) is refused. There are no
// ambient credentials to ride on, so a forged post could only ever use a link its sender
// already holds; the check stops other sites from submitting on a visitor's behalf.
import crypto from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { hmac } from '../../data/ids.js';
import { siteOrigins, type OriginConfig } from './origin.js';

export const CSRF_FIELD = '_csrf';
const DAY_MS = 86_400_000;
/**
 * How long a form stays acceptable. A survey tab may sit open for days; the token guards
 * against other sites (with the Sec-Fetch-Site/Origin check), not against age, so it lasts
 * a month, and an older page is shown again with its answers rather than refused.
 */
export const CSRF_MAX_AGE_DAYS = 30;

function sign(secret: string, scope: string, nonce: string, day: number): string {
  return hmac(secret, `csrf\u0000${scope}\u0000${nonce}\u0000${day}`, 'base64url');
}

/** A fresh token for a form in `scope`; valid the day it is issued and CSRF_MAX_AGE_DAYS more. */
export function csrfToken(secret: string, scope: string, now: number = Date.now()): string {
  const nonce = crypto.randomBytes(12).toString('base64url');
  const day = Math.floor(now / DAY_MS);
  return `${nonce}.${day}.${sign(secret, scope, nonce, day)}`;
}

/** The day a token was issued, when it is one we signed for `scope` (whatever its age). */
function signedDay(secret: string, scope: string, token: unknown): number | undefined {
  if (typeof token !== 'string') return undefined;
  const [nonce, dayText, mac, extra] = token.split('.');
  if (!nonce || !dayText || !mac || extra !== undefined || !/^\d+$/.test(dayText)) return undefined;
  const day = Number(dayText);
  const expected = Buffer.from(sign(secret, scope, nonce, day));
  const given = Buffer.from(mac);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? day : undefined;
}

export function verifyCsrfToken(secret: string, scope: string, token: unknown, now: number = Date.now()): boolean {
  const day = signedDay(secret, scope, token);
  const today = Math.floor(now / DAY_MS);
  return day !== undefined && day <= today && today - day <= CSRF_MAX_AGE_DAYS;
}

/** True for a token we signed for `scope` that has only grown too old: the page was left open, not forged. */
export function isExpiredCsrfToken(secret: string, scope: string, token: unknown, now: number = Date.now()): boolean {
  const day = signedDay(secret, scope, token);
  return day !== undefined && Math.floor(now / DAY_MS) - day > CSRF_MAX_AGE_DAYS;
}

/**
 * Whether the browser says the request comes from another site (Sec-Fetch-Site, else
 * Origin). Rootwork's own origins include its public URL and, behind a trusted proxy, the
 * scheme the browser used, so a browser without Sec-Fetch-Site behind a TLS proxy is not
 * taken for another site.
 */
export function isCrossSite(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'cross-site';
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return origin === 'null';
  const deps = c.get('deps' as never) as { config?: OriginConfig } | undefined;
  return !siteOrigins(c, deps?.config ?? {}).has(origin);
}

export interface CsrfOptions {
  secret: (c: Context) => string;
  /** What a token is bound to, e.g. the survey link's path. */
  scope: (c: Context) => string;
  onFail: (c: Context) => Response | Promise<Response>;
}

/** Checks every POST form: same-site, and a valid token in `_csrf`. */
export function csrfProtection(options: CsrfOptions): MiddlewareHandler {
  return async function csrfProtection(c, next) {
    if (c.req.method !== 'POST') return next();
    if (isCrossSite(c)) return options.onFail(c);
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return options.onFail(c);
    const body = await c.req.parseBody();
    if (!verifyCsrfToken(options.secret(c), options.scope(c), body[CSRF_FIELD])) return options.onFail(c);
    return next();
  };
}

/**
 * Refuses a POST that a browser marks as cross-site. For forms whose only credential is what
 * the form itself carries (a sign-in token, a secret link), so no other site can post them
 * on a visitor's behalf; clients that send neither header (scripts) are not browsers being
 * driven by another site and pass.
 */
export function sameSiteOnly(onFail: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async function sameSiteOnly(c, next) {
    if (c.req.method === 'POST' && isCrossSite(c)) return onFail(c);
    return next();
  };
}
