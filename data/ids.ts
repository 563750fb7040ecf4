// Random identifiers, invite codes and keyed hashes. Nothing here encodes time or order:
// response ids and codes are drawn from crypto.randomBytes/randomUUID.
import crypto from 'node:crypto';

export function randomId(): string {
  return crypto.randomUUID();
}

// Crockford base32 without I, L, O, U: easy to read aloud and type from paper.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random code of `length` symbols (5 bits each; 12 symbols = 60 bits). */
export function randomCode(length = 12): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[bytes[i] & 31];
  return out;
}

/** Normalizes a code a person typed: upper case, no spaces or dashes, confusable letters mapped. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

// The secret as a key object, made once: createHmac with a string key copies and imports
// it anew on every call, a third of the hash's cost at several hashes per submission.
const keys = new Map<string, crypto.KeyObject>();

/** HMAC-SHA256 of `value` under `secret`, in the given encoding. */
export function hmac(secret: string, value: string, encoding: 'hex' | 'base64url' = 'hex'): string {
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return crypto.createHmac('sha256', key).update(value).digest(encoding);
}

/** Keyed hash (HMAC-SHA256) of a code or token: what the database keeps instead of the code. */
export function keyedHash(secret: string, value: string): string {
  return hmac(secret, value);
}

/** What the database keeps of an invite code: the keyed hash of its normal form. */
export function inviteCodeHash(secret: string, code: string): string {
  return keyedHash(secret, normalizeCode(code));
}

/** Timing-safe comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ab.length === bb.length && ab.length > 0 && crypto.timingSafeEqual(ab, bb);
}

/** Today's date as 'YYYY-MM-DD' in UTC: the finest time Rootwork ever stores about a response. */
export function today(clock: () => Date = () => new Date()): string {
  return clock().toISOString().slice(0, 10);
}
