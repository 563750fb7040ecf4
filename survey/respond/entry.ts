// How a person arrives: by a single-use invite code (/s/:code) or an organization's open
// link (/o/:token). Resolves either to the wave and organization it belongs to, or to the
// problem to show (unknown, used, revoked, closed, not yet open, or, for an open link, full:
// the organization's responses and unanswered codes already reach its headcount). Never
// logs the code.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { inviteCodeHash, keyedHash, today } from '../../data/ids.js';
import { findInviteGate, inviteProblem, waveProblem, type EntryProblem as RuleProblem } from '../../data/submissions/invite-rule.js';
import { openLinkHasRoom, organizationRoom } from '../../data/repositories/headcount.js';
import { findOrgLink } from '../../data/repositories/links.js';
import type { Destination } from '../../data/submissions/writer.js';

/** Why a link cannot be answered: the invite rule's reasons, or a full organization. */
export type EntryProblem = RuleProblem | 'full';

export type EntryRef = { kind: 'invite'; code: string } | { kind: 'open'; token: string };

export interface Entry {
  waveId: string;
  organizationId: string;
  k: number;
  /** Where the final answers go: the invite to claim then, or the open link's wave and organization. */
  destination: Destination;
}

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
  full: 409,
  submitLimited: 429,
} as const;

export type Problem = keyof typeof PROBLEM_STATUS;

// Codes are 12 symbols and open tokens 16: anything far longer is not worth a lookup.
const MAX_REF_LENGTH = 64;

/** The path prefix of an entry: what signed form state and CSRF tokens are bound to. */
export function entryScope(secret: string, ref: EntryRef): string {
  // A hash, so the scope (kept in memory while a request runs) never holds the code itself.
  return ref.kind === 'invite' ? `s:${inviteCodeHash(secret, ref.code)}` : `o:${keyedHash(secret, ref.token)}`;
}

/** Whether a code or token is worth hashing and looking up at all. */
function plausible(value: string): boolean {
  return value.length > 0 && value.length <= MAX_REF_LENGTH;
}

export async function resolveEntry(db: Kysely<Database>, secret: string, ref: EntryRef, day: string = today()): Promise<EntryResult> {
  if (!plausible(ref.kind === 'invite' ? ref.code : ref.token)) return { ok: false, problem: 'unknown' };
  if (ref.kind === 'invite') {
    // One query for the invite and its wave: this runs on every survey page.
    const codeHash = inviteCodeHash(secret, ref.code);
    const row = await findInviteGate(db, codeHash);
    const problem = inviteProblem(row, day);
    if (problem || !row) return { ok: false, problem: problem ?? 'unknown' };
    // No headcount check: an invite code kept its room when it was issued (headcount.ts).
    return { ok: true, entry: { waveId: row.wave_id, organizationId: row.organization_id, k: row.k, destination: { kind: 'invite', codeHash, day } } };
  }
  const link = await findOrgLink(db, secret, ref.token, 'open');
  if (!link) return { ok: false, problem: 'unknown' };
  const wave = await db.selectFrom('waves').select(['status', 'opens_on', 'closes_on', 'k']).where('id', '=', link.wave_id).executeTakeFirst();
  if (!wave) return { ok: false, problem: 'unknown' };
  const problem = waveProblem(wave, day);
  if (problem) return { ok: false, problem };
  if (!openLinkHasRoom(await organizationRoom(db, link.wave_id, link.organization_id))) return { ok: false, problem: 'full' };
  return { ok: true, entry: { waveId: link.wave_id, organizationId: link.organization_id, k: wave.k, destination: { kind: 'known', waveId: link.wave_id, organizationId: link.organization_id } } };
}
