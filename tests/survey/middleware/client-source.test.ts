// Sources as the limits count them, and the limiter's own promises: IPv6 grouped by /64,
// IPv4 however written, X-Forwarded-For believed only as far as ROOTWORK_TRUST_PROXY says,
// a wait that runs out one try at a time with the seconds to say in Retry-After, and a
// map of sources that stays within its bound under a flood of addresses.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../data/config.js';
import { ConfigError } from '../../../data/errors.js';
import { forwardedAddress, sourceOf } from '../../../survey/middleware/client-source.js';
import { createSourceLimiter, type SourceLimiter } from '../../../survey/middleware/rate-limit.js';

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe('sources', () => {
  it('groups IPv6 addresses by /64 and reads IPv4 however it is written', () => {
    expect(sourceOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('2001:0db8:0001:0002:0:0:0:9%eth0')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('2001:db8:1:3::1')).not.toBe(sourceOf('2001:db8:1:2::1'));
    expect(sourceOf('::1')).toBe('0:0:0:0::/64');
    expect(sourceOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(sourceOf('::ffff:c000:207')).toBe('192.0.2.7');
    expect(sourceOf('192.0.2.7')).toBe('192.0.2.7');
  });

  it('believes X-Forwarded-For only as far as the trusted proxies, and only an address', () => {
    expect(forwardedAddress('203.0.113.7', 0)).toBeUndefined();
    expect(forwardedAddress('203.0.113.7', 1)).toBe('203.0.113.7');
    // A client can put anything in front; one proxy's own entry is the last.
    expect(forwardedAddress('198.51.100.1, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedAddress('198.51.100.1, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(forwardedAddress('203.0.113.7', 2)).toBeUndefined();
    expect(forwardedAddress('[2001:db8::1]:443', 1)).toBe('2001:db8::1');
    expect(forwardedAddress('203.0.113.7:5123', 1)).toBe('203.0.113.7');
    expect(forwardedAddress('unknown', 1)).toBeUndefined();
    expect(forwardedAddress(undefined, 1)).toBeUndefined();
  });

  it('reads ROOTWORK_TRUST_PROXY as a number of proxies, and refuses anything else with the fix', () => {
    for (const off of [undefined, '', '0', 'false', 'no', ' FALSE ']) expect(parseTrustProxy(off)).toBe(0);
    for (const one of ['1', 'true', 'yes']) expect(parseTrustProxy(one)).toBe(1);
    expect(parseTrustProxy('3')).toBe(3);
    for (const bad of ['loopback', '-1', '1.5', '11', '10.0.0.1']) {
      expect(() => parseTrustProxy(bad)).toThrow(ConfigError);
      expect(() => parseTrustProxy(bad)).toThrow(/ROOTWORK_TRUST_PROXY ".*" is not understood: set it to the number of reverse proxies/);
    }
  });
});

describe('source limiter', () => {
  const app = (limiter: SourceLimiter) =>
    new Hono().get('/try', (c) => {
      const wait = limiter.blocked(c);
      if (wait) return c.text(String(wait), 429);
      limiter.record(c);
      return c.text('ok');
    });

  it('gives tries back one at a time and says how many seconds to wait', async () => {
    let now = 5_000_000;
    const limiter = createSourceLimiter({ perClient: 4, windowMs: 240_000, now: () => now });
    const a = app(limiter);
    for (let i = 0; i < 4; i++) expect((await a.request('/try', {}, from('10.0.0.1'))).status).toBe(200);
    const refused = await a.request('/try', {}, from('10.0.0.1'));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toBe('60');
    now += 45_000;
    expect(await (await a.request('/try', {}, from('10.0.0.1'))).text()).toBe('15');
    now += 15_000;
    // One try back after a quarter of the window, not the whole window.
    expect((await a.request('/try', {}, from('10.0.0.1'))).status).toBe(200);
    expect((await a.request('/try', {}, from('10.0.0.1'))).status).toBe(429);
  });

  it('counts an IPv6 /64 as one source', async () => {
    const limiter = createSourceLimiter({ perClient: 2, windowMs: 60_000 });
    const a = app(limiter);
    expect((await a.request('/try', {}, from('2001:db8:5:6::1'))).status).toBe(200);
    expect((await a.request('/try', {}, from('2001:db8:5:6::2'))).status).toBe(200);
    expect((await a.request('/try', {}, from('2001:db8:5:6:ffff::3'))).status).toBe(429);
    expect((await a.request('/try', {}, from('2001:db8:5:7::1'))).status).toBe(200);
  });

  it('keeps at most maxSources, forgetting the least recently counted', async () => {
    const limiter = createSourceLimiter({ perClient: 1, windowMs: 3_600_000, maxSources: 100 });
    const a = app(limiter);
    for (let i = 0; i < 1000; i++) await a.request('/try', {}, from(`10.9.${i >> 8}.${i & 255}`));
    expect(limiter.size).toBe(100);
    // The latest are still counted; the earliest were forgotten.
    expect((await a.request('/try', {}, from(`10.9.3.231`))).status).toBe(429);
    expect((await a.request('/try', {}, from('10.9.0.0'))).status).toBe(200);
  });
});
