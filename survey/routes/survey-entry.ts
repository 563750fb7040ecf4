// How a person arrives: by a single-use invite code (/s/:code) or an organization's open
// link (/o/:token). Resolves either to the wave and organization it belongs to, or to the
// problem to show (unknown, used, revoked, closed, not yet open). Never logs the code.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { keyedHash, normalizeCode, today } from '../../data/ids.js';
import { findInvite } from '../../data/repositories/invites.js';
import { findOrgLink } from '../../data/repositories/links.js';

export type EntryRef = { kind: 'invite'; code: string } | { kind: 'open'; token: string };

export interface Entry {
  waveId: string;
  organizationId: string;
  k: number;
  /** Keyed hash of the invite code, marked used with the response; absent for open links. */
  codeHash?: string;
}

export type EntryProblem = 'unknown' | 'used' | 'revoked' | 'closed' | 'notOpen';

export type EntryResult = { ok: true; entry: Entry } | { ok: false; problem: EntryProblem };

export const PROBLEM_STATUS = {
  unknown: 404,
  used: 409,
  revoked: 410,
  closed: 410,
  notOpen: 403,
  tampered: 400,
  csrf: 403,
  tooLarge: 413,
  rateLimited: 429,
} as const;

export type Problem = keyof typeof PROBLEM_STATUS;

// Codes are 12 symbols and open tokens 16: anything far longer is not worth a lookup.
const MAX_REF_LENGTH = 64;

/** The path prefix of an entry: what signed form state and CSRF tokens are bound to. */
export function entryScope(secret: string, ref: EntryRef): string {
  // A hash, so the scope (kept in memory while a request runs) never holds the code itself.
  return ref.kind === 'invite' ? `s:${keyedHash(secret, normalizeCode(ref.code))}` : `o:${keyedHash(secret, ref.token)}`;
}

export async function resolveEntry(db: Kysely<Database>, secret: string, ref: EntryRef, day: string = today()): Promise<EntryResult> {
  const value = ref.kind === 'invite' ? ref.code : ref.token;
  if (value.length === 0 || value.length > MAX_REF_LENGTH) return { ok: false, problem: 'unknown' };
  let waveId: string;
  let organizationId: string;
  let codeHash: string | undefined;
  if (ref.kind === 'invite') {
    const invite = await findInvite(db, secret, ref.code);
    if (invite.status !== 'valid') return { ok: false, problem: invite.status };
    ({ waveId, organizationId, codeHash } = invite);
  } else {
    const link = await findOrgLink(db, secret, ref.token, 'open');
    if (!link) return { ok: false, problem: 'unknown' };
    ({ wave_id: waveId, organization_id: organizationId } = link);
  }
  const wave = await db.selectFrom('waves').select(['status', 'opens_on', 'closes_on', 'k']).where('id', '=', waveId).executeTakeFirst();
  if (!wave) return { ok: false, problem: 'unknown' };
  if (wave.status === 'closed' || (wave.closes_on !== null && wave.closes_on < day)) return { ok: false, problem: 'closed' };
  if (wave.status !== 'open' || (wave.opens_on !== null && wave.opens_on > day)) return { ok: false, problem: 'notOpen' };
  return { ok: true, entry: { waveId, organizationId, k: wave.k, codeHash } };
}
