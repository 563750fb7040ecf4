// How a person arrives: by a single-use invite code (/s/:code) or an organization's open
// link (/o/:token). Resolves either to the wave and organization it belongs to, or to the
// problem to show (unknown, used, revoked, closed, not yet open, or, for an open link, full:
// the organization's responses and unanswered codes already reach its headcount). Never
// logs the code. "Today" is the local day in the time zone of the wave's study: a wave
// closing on 2026-11-30 in Los Angeles takes answers until midnight there, and that is the
// day stored.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { inviteCodeHash, keyedHash } from '../../data/ids.js';
import { inviteProblem, selectInviteGates, waveProblem, type EntryProblem as RuleProblem } from '../../data/submissions/invite-rule.js';
import { DEFAULT_TIME_ZONE, localDay } from '../../data/time-zone.js';
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
  /** Today in the study's time zone: the day a response sent now is checked against and stored with. */
  day: string;
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
  return ref.kind === 'invite' ? inviteScope(inviteCodeHash(secret, ref.code)) : `o:${keyedHash(secret, ref.token)}`;
}

/** The scope of an invite whose code's keyed hash is known (what entryScope gives for its code). */
export function inviteScope(codeHash: string): string {
  return `s:${codeHash}`;
}

/** Whether a code or token is worth hashing and looking up at all. */
function plausible(value: string): boolean {
  return value.length > 0 && value.length <= MAX_REF_LENGTH;
}

export async function resolveEntry(db: Kysely<Database>, secret: string, ref: EntryRef, now: Date = new Date()): Promise<EntryResult> {
  if (!plausible(ref.kind === 'invite' ? ref.code : ref.token)) return { ok: false, problem: 'unknown' };
  if (ref.kind === 'invite') return resolveInviteHash(db, inviteCodeHash(secret, ref.code), now);
  const link = await findOrgLink(db, secret, ref.token, 'open');
  if (!link) return { ok: false, problem: 'unknown' };
  const wave = await db
    .selectFrom('waves')
    .innerJoin('studies', 'studies.id', 'waves.study_id')
    .select(['waves.status', 'waves.opens_on', 'waves.closes_on', 'waves.k', 'studies.time_zone'])
    .where('waves.id', '=', link.wave_id)
    .executeTakeFirst();
  if (!wave) return { ok: false, problem: 'unknown' };
  const day = localDay(wave.time_zone, now);
  const problem = waveProblem(wave, day);
  if (problem) return { ok: false, problem };
  if (!openLinkHasRoom(await organizationRoom(db, link.wave_id, link.organization_id))) return { ok: false, problem: 'full' };
  return { ok: true, entry: { waveId: link.wave_id, organizationId: link.organization_id, k: wave.k, day, destination: { kind: 'known', waveId: link.wave_id, organizationId: link.organization_id } } };
}

/**
 * resolveEntry for an invite code already hashed (the API hashes it while checking the body).
 * No headcount check: an invite code kept its room when it was issued (headcount.ts).
 */
export async function resolveInviteHash(db: Kysely<Database>, codeHash: string, now: Date = new Date()): Promise<EntryResult> {
  // One query for the invite, its wave and its study's time zone: this runs on every survey page.
  const row = await selectInviteGates(db, [codeHash]).innerJoin('studies', 'studies.id', 'waves.study_id').select('studies.time_zone').executeTakeFirst();
  const day = localDay(row?.time_zone ?? DEFAULT_TIME_ZONE, now);
  const problem = inviteProblem(row, day);
  return problem || !row ? { ok: false, problem: problem ?? 'unknown' } : { ok: true, entry: { waveId: row.wave_id, organizationId: row.organization_id, k: row.k, day, destination: { kind: 'invite', codeHash, day } } };
}
