// The survey's privacy middlewares and signed form state as units: CSRF tokens bound to a
// scope and a month, the failure limiter's window (and no global ceiling), log redaction, and
// form state that detects any change.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CSRF_MAX_AGE_DAYS, csrfToken, verifyCsrfToken } from '../../../survey/middleware/csrf.js';
import { createFailureLimiter } from '../../../survey/middleware/rate-limit.js';
import { redactPath } from '../../../survey/middleware/request-log.js';
import { decodeState, encodeState } from '../../../survey/respond/state.js';

const SECRET = 'unit-secret-0123456789';
const DAY = 86_400_000;

describe('CSRF tokens', () => {
  it('verify for their scope for a month from the day issued, and not after, before or elsewhere', () => {
    const now = 20_000 * DAY + 5000;
    const token = csrfToken(SECRET, 's:abc', now);
    expect(verifyCsrfToken(SECRET, 's:abc', token, now)).toBe(true);
    expect(verifyCsrfToken(SECRET, 's:abc', token, now + DAY)).toBe(true);
    // A tab left open over a weekend still sends; a month-old page does not.
    expect(verifyCsrfToken(SECRET, 's:abc', token, now + 3 * DAY)).toBe(true);
    expect(verifyCsrfToken(SECRET, 's:abc', token, now + (CSRF_MAX_AGE_DAYS + 1) * DAY)).toBe(false);
    expect(verifyCsrfToken(SECRET, 's:abc', token, now - DAY)).toBe(false);
    expect(verifyCsrfToken(SECRET, 's:other', token, now)).toBe(false);
    expect(verifyCsrfToken('another-secret-123456', 's:abc', token, now)).toBe(false);
    expect(verifyCsrfToken(SECRET, 's:abc', token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), now)).toBe(false);
    expect(verifyCsrfToken(SECRET, 's:abc', undefined, now)).toBe(false);
  });
});

describe('failure limiter', () => {
  const app = (limiter: ReturnType<typeof createFailureLimiter>) =>
    new Hono().get('/try/:ok', (c) => {
      if (limiter.blocked(c)) return c.text('blocked', 429);
      if (c.req.param('ok') !== 'yes') limiter.recordFailure(c);
      return c.text('ok');
    });
  const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

  it('blocks a client after its failures, per client, and forgets them after the window', async () => {
    let now = 1_000_000;
    const limiter = createFailureLimiter({ perClient: 3, windowMs: 60_000, now: () => now });
    const a = app(limiter);
    for (let i = 0; i < 3; i++) expect((await a.request('/try/no', {}, from('10.0.0.1'))).status).toBe(200);
    expect((await a.request('/try/yes', {}, from('10.0.0.1'))).status).toBe(429);
    expect((await a.request('/try/yes', {}, from('10.0.0.2'))).status).toBe(200);
    now += 60_001;
    expect((await a.request('/try/yes', {}, from('10.0.0.1'))).status).toBe(200);
  });

  // Issue #19: the global ceiling this replaced let a flood from many addresses lock
  // everyone out; failures now count only against their own source.
  it('never stops another client, however many clients fail', async () => {
    const limiter = createFailureLimiter({ perClient: 3, windowMs: 60_000 });
    const a = app(limiter);
    // More failures than the old global ceiling of 1,000.
    for (let i = 0; i < 1100; i++) await a.request('/try/no', {}, from(`10.1.${i >> 8}.${i & 255}`));
    expect((await a.request('/try/yes', {}, from('10.2.0.1'))).status).toBe(200);
  });
});

describe('request log redaction', () => {
  it('removes survey codes, open-link and profile tokens from paths', () => {
    expect(redactPath('/s/ABCDEF123456')).toBe('/s/…');
    expect(redactPath('/s/ABCDEF123456/done')).toBe('/s/…/done');
    expect(redactPath('/o/TOKENTOKEN')).toBe('/o/…');
    expect(redactPath('/p/PROFILETOKEN')).toBe('/p/…');
    // A capital S or O (redirected to the survey) still hides its code.
    expect(redactPath('/S/ABCDEF123456/')).toBe('/S/…/');
    expect(redactPath('/O/TOKENTOKEN')).toBe('/O/…');
    expect(redactPath('/api/v1/responses')).toBe('/api/v1/responses');
  });
});

describe('signed form state', () => {
  const state = { lang: 'es' as const, step: 'work', answers: { role: 'organizer', tenure_years: 3 }, nonce: 'n1' };

  it('round-trips, and refuses a changed payload, another scope or another secret', () => {
    const raw = encodeState(SECRET, 's:1', state);
    expect(decodeState(SECRET, 's:1', raw)).toEqual(state);
    expect(decodeState(SECRET, 's:2', raw)).toBeNull();
    expect(decodeState('another-secret-123456', 's:1', raw)).toBeNull();
    const [payload, mac] = raw.split('.');
    const changed = Buffer.from(JSON.stringify({ ...state, answers: { role: 'leadership' } })).toString('base64url');
    expect(decodeState(SECRET, 's:1', `${changed}.${mac}`)).toBeNull();
    expect(decodeState(SECRET, 's:1', payload)).toBeNull();
    expect(decodeState(SECRET, 's:1', 42)).toBeNull();
  });
});
