// Admin authentication. The JSON API takes `Authorization: Bearer <token>`; the pages take a
// session started from a token at /admin/login. A session lives on the server
// (data/repositories/admin-sessions.ts): the cookie holds only its random id, so signing
// out ends it everywhere, a new id is drawn at every sign-in, and revoking the token ends it
// too. The cookie is `Secure` whenever Rootwork is served over HTTPS. Every page POST must
// come from Rootwork's own origin (Origin, else Referer) and carry a CSRF token derived from
// the session. All comparisons of secrets are timing-safe.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app.js';
import { verifyAdminToken, isOneTimeToken, type AdminTokenInfo } from '../../data/repositories/admin-tokens.js';
import { endAdminSession, findAdminSession, startAdminSession } from '../../data/repositories/admin-sessions.js';
import { keyedHash, sameDigest } from '../../data/ids.js';
import { foreignOrigin, servedOverHttps } from './origin.js';
import { crossSitePage } from '../views/admin/login.js';

export type AdminEnv = { Variables: { deps: AppDeps; admin: Pick<AdminTokenInfo, 'id' | 'label'>; csrf: string } };

export const SESSION_COOKIE = 'rw_admin';
/** Two hours: long enough for a sitting, short enough that a forgotten browser closes itself. */
export const SESSION_SECONDS = 2 * 60 * 60;
const COOKIE_PATH = '/admin';

export function csrfFor(secret: string, sessionId: string): string {
  return keyedHash(secret, `admin-csrf.${sessionId}`);
}

/** The app's clock in whole seconds (tests pass `deps.clock`). */
export function nowSeconds(deps: AppDeps): number {
  return Math.floor((deps.clock?.() ?? new Date()).getTime() / 1000);
}

/**
 * Starts a new session for `tokenId` and sets its cookie. Any session this browser already
 * had is ended first, so a session id is never carried across a sign-in (session fixation).
 */
export async function signIn(c: Context<AdminEnv>, tokenId: string): Promise<void> {
  const deps = c.get('deps');
  const { db, config } = deps;
  await endAdminSession(db, config.secret, getCookie(c, SESSION_COOKIE));
  const now = nowSeconds(deps);
  const id = await startAdminSession(db, config.secret, tokenId, now, now + SESSION_SECONDS);
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: COOKIE_PATH, maxAge: SESSION_SECONDS, secure: servedOverHttps(c, config) });
}

/** Ends this browser's session on the server and clears its cookie: the old cookie no longer works anywhere. */
export async function signOut(c: Context<AdminEnv>): Promise<void> {
  const { db, config } = c.get('deps');
  await endAdminSession(db, config.secret, getCookie(c, SESSION_COOKIE));
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: servedOverHttps(c, config) });
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
}

/**
 * Guards /admin pages: a live server-side session of an unrevoked token; on every POST, the
 * request's own origin and a CSRF token. A post from another site is refused with 403 even
 * when it carries a valid token: SameSite alone is not relied on (older browsers, and
 * sibling subdomains count as the same site).
 */
export function adminPageAuth(options: PageAuthOptions): MiddlewareHandler<AdminEnv> {
  return async function adminPageAuth(c, next) {
    const deps = c.get('deps');
    const { db, config } = deps;
    if (c.req.method === 'POST') {
      const foreign = foreignOrigin(c, config);
      if (foreign !== undefined) return c.html(crossSitePage(foreign), 403);
    }
    const sessionId = getCookie(c, SESSION_COOKIE);
    const tokenId = await findAdminSession(db, config.secret, sessionId, nowSeconds(deps));
    if (!sessionId || !tokenId) return options.unauthorized(c, sessionId ? 'expired' : 'missing');
    const csrf = csrfFor(config.secret, sessionId);
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
