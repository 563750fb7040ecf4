// Security headers on every response: a Content-Security-Policy that allows no inline
// script and no other origin, no referrer (survey URLs carry codes), no framing, no
// caching of pages that may show answers.
import type { MiddlewareHandler } from 'hono';

export interface SecurityHeaderOptions {
  /** Extra CSP directives, e.g. for a page that must allow inline styles. */
  extraCsp?: string;
}

export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    options.extraCsp,
  ].filter(Boolean).join('; ');
  return async function securityHeaders(c, next) {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
}
