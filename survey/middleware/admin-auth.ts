// Admin authentication. The JSON API takes `Authorization: Bearer <token>`; the pages take a
// short-lived session cookie signed with the service secret, started from a token at
// /admin/login and re-checked against revocation on every request. Page forms carry a CSRF
// token derived from the session. All comparisons of secrets are timing-safe.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../app.js';
import { isAdminTokenActive, isOneTimeToken, verifyAdminToken, type AdminTokenInfo } from '../../data/repositories/admin-tokens.js';
import { keyedHash, sameDigest } from '../../data/ids.js';

export type AdminEnv = { Variables: { deps: AppDeps; admin: Pick<AdminTokenInfo, 'id' | 'label'>; csrf: string } };

export const SESSION_COOKIE = 'rw_admin';
/** Two hours: long enough for a sitting, short enough that a forgotten browser closes itself. */
export const SESSION_SECONDS = 2 * 60 * 60;

const sign = (secret: string, payload: string) => keyedHash(secret, `admin-session.${payload}`);

export function sessionValue(secret: string, tokenId: string, nowSeconds: number): string {
  const payload = `${tokenId}.${nowSeconds + SESSION_SECONDS}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The token id of a valid, unexpired session cookie value, or undefined. */
export function readSession(secret: string, value: string | undefined, nowSeconds: number): string | undefined {
  if (!value) return undefined;
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([0-9a-f]{64})$/.exec(value);
  if (!m) return undefined;
  const [, tokenId, exp, sig] = m;
  if (!sameDigest(sig, sign(secret, `${tokenId}.${exp}`))) return undefined;
  if (Number(exp) <= nowSeconds) return undefined;
  return tokenId;
}

export function csrfFor(secret: string, session: string): string {
  return keyedHash(secret, `admin-csrf.${session}`);
}

function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

const API_401 = {
  missing: 'This admin route needs an admin token: send `Authorization: Bearer <token>` (create one with `rootwork admin create-token --label NAME`).',
  invalid: 'The admin token was not accepted: it is wrong or has been revoked. Ask an admin for a new one (`rootwork admin create-token`).',
  oneTime: 'A one-time sign-in token (rwo_) only starts one session on the admin pages, at /admin/login: it never works for the API. Create an API token with `rootwork admin create-token --label NAME`.',
};

/** Guards /api/v1/admin/*: a valid, unrevoked bearer token. */
export function adminApiAuth(): MiddlewareHandler<AdminEnv> {
  return async function adminApiAuth(c, next) {
    const { db, config } = c.get('deps');
    const token = bearer(c);
    if (!token) return c.json({ error: 'unauthorized', message: API_401.missing }, 401, { 'WWW-Authenticate': 'Bearer realm="rootwork-admin"' });
    if (isOneTimeToken(token)) return c.json({ error: 'unauthorized', message: API_401.oneTime }, 401, { 'WWW-Authenticate': 'Bearer realm="rootwork-admin", error="invalid_token"' });
    const admin = await verifyAdminToken(db, config.secret, token);
    if (!admin) return c.json({ error: 'unauthorized', message: API_401.invalid }, 401, { 'WWW-Authenticate': 'Bearer realm="rootwork-admin", error="invalid_token"' });
    c.set('admin', admin);
    await next();
  };
}

export interface PageAuthOptions {
  /** Renders the 401 page (a sign-in form), given a reason. */
  unauthorized: (c: Context<AdminEnv>, reason: 'missing' | 'expired' | 'csrf') => Response | Promise<Response>;
  now?: () => number;
}

/** Guards /admin pages: a signed, unexpired session of an unrevoked token; a CSRF token on every POST. */
export function adminPageAuth(options: PageAuthOptions): MiddlewareHandler<AdminEnv> {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  return async function adminPageAuth(c, next) {
    const { db, config } = c.get('deps');
    const cookie = getCookie(c, SESSION_COOKIE);
    const tokenId = readSession(config.secret, cookie, now());
    if (!cookie || !tokenId) return options.unauthorized(c, cookie ? 'expired' : 'missing');
    if (!(await isAdminTokenActive(db, tokenId))) return options.unauthorized(c, 'expired');
    const csrf = csrfFor(config.secret, cookie);
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      const sent = typeof body._csrf === 'string' ? body._csrf : '';
      if (!/^[0-9a-f]{64}$/.test(sent) || !sameDigest(sent, csrf)) return options.unauthorized(c, 'csrf');
    }
    c.set('admin', { id: tokenId, label: '' });
    c.set('csrf', csrf);
    await next();
  };
}
