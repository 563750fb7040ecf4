// Where a request comes from, for the limits on failed codes and open-link submissions only:
// the socket's peer address, or, when ROOTWORK_TRUST_PROXY says how many reverse proxies
// stand in front, the client address the outermost of them saw (from X-Forwarded-For).
// IPv6 addresses are grouped by their /64 prefix, the block one household or office gets,
// so rotating through its addresses is still one source. The result lives only in memory,
// is hashed before it is kept (rate-limit.ts), and is never logged or stored.
import net from 'node:net';
import type { Context } from 'hono';

/**
 * The peer address of a request served by @hono/node-server; requests made in-process
 * (app.request in tests) have none and share one source.
 */
export function peerAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/**
 * The client address given by `trustProxy` proxies: the Nth entry from the right of
 * X-Forwarded-For (each proxy appends the address it was connected from). Undefined when
 * the header holds fewer entries (the request did not come through the proxies) or the
 * entry is not an address.
 */
export function forwardedAddress(header: string | undefined, trustProxy: number): string | undefined {
  if (!header || trustProxy < 1) return undefined;
  const hops = header.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (hops.length < trustProxy) return undefined;
  const entry = stripPort(hops[hops.length - trustProxy]);
  return net.isIP(entry) ? entry : undefined;
}

/** "[::1]:443" and "1.2.3.4:80" (some proxies add the port) without the port. */
function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4 ? v4[1] : entry;
}

/** The eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split('%')[0].toLowerCase();
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number);
    text = text.slice(0, tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(rest);
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 0) return undefined;
  const groups = [...left, ...Array<number>(rest === undefined ? 0 : missing).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/**
 * The source an address counts as: an IPv4 address itself (also when written IPv4-mapped,
 * ::ffff:a.b.c.d), an IPv6 address its /64 prefix.
 */
export function sourceOf(address: string): string {
  if (net.isIPv4(address)) return address;
  const groups = net.isIPv6(address) ? ipv6Groups(address) : undefined;
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The source of a request, as counted by the limits (see the header). */
export function requestSource(c: Context, trustProxy: number): string {
  const forwarded = forwardedAddress(c.req.header('x-forwarded-for'), trustProxy);
  const address = forwarded ?? peerAddress(c);
  return address === undefined ? 'in-process' : sourceOf(address);
}
