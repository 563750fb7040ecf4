// Where a request says it comes from, and whether Rootwork is being served over HTTPS.
// Forwarded headers (X-Forwarded-Proto) are believed only when ROOTWORK_TRUST_PROXY says a
// reverse proxy sets them: otherwise any client could claim HTTPS or another origin.
import type { Context } from 'hono';
import type { Config } from '../../data/config.js';

export type OriginConfig = Partial<Pick<Config, 'publicUrl' | 'trustProxy'>>;

/** The scheme the browser used: the request's own, or the trusted proxy's X-Forwarded-Proto. */
function browserProtocol(c: Context, config: OriginConfig): string {
  if (config.trustProxy) {
    // A chain of proxies lists one scheme each; the first is the browser's.
    const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (forwarded === 'https' || forwarded === 'http') return `${forwarded}:`;
  }
  return new URL(c.req.url).protocol;
}

/** Whether people reach Rootwork over HTTPS here: a https public URL, a https request, or a trusted proxy that says so. */
export function servedOverHttps(c: Context, config: OriginConfig): boolean {
  return config.publicUrl?.startsWith('https:') === true || browserProtocol(c, config) === 'https:';
}

/**
 * Where links Rootwork hands out should point: the configured public URL, else the address
 * this request reached (with the trusted proxy's scheme), so that links made behind a
 * TLS-terminating proxy start with https://.
 */
export function publicOrigin(c: Context, config: OriginConfig): string {
  return config.publicUrl ?? `${browserProtocol(c, config)}//${new URL(c.req.url).host}`;
}

/** The origins Rootwork's own pages are served from: the configured public URL, and the one this request reached. */
export function siteOrigins(c: Context, config: OriginConfig): Set<string> {
  const url = new URL(c.req.url);
  const origins = new Set([`${browserProtocol(c, config)}//${url.host}`]);
  if (config.publicUrl) origins.add(new URL(config.publicUrl).origin);
  return origins;
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return 'null';
  }
}

/**
 * The origin a form post came from when it is not Rootwork's own (for the refusal page), or
 * undefined when it is. A browser's own word comes first: Sec-Fetch-Site, which no page can
 * set or forge, and which stays right where Origin does not (under Rootwork's
 * `Referrer-Policy: no-referrer` Chromium sends `Origin: null` even for its own forms).
 * Browsers without it are judged by Origin, then Referer; a client sending none of them is
 * not a browser that another site is driving, and the session's CSRF token still applies.
 */
export function foreignOrigin(c: Context, config: OriginConfig): string | undefined {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? undefined : (origin ?? 'another site');
  const own = siteOrigins(c, config);
  if (origin !== undefined) return own.has(origin) ? undefined : origin;
  const referer = c.req.header('referer');
  if (referer !== undefined) {
    const from = originOf(referer);
    return own.has(from) ? undefined : from;
  }
  return undefined;
}
