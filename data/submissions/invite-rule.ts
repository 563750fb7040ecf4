// Whether an invite code may be answered on a given day, and if not, why. One rule shared by
// the survey pages (which check on every page) and the submission writer (which checks
// again, inside the transaction that claims the code, so a wave closed or a code revoked
// between the first page and the submit is still refused).
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

export type EntryProblem = 'unknown' | 'used' | 'revoked' | 'closed' | 'notOpen';

/** Wave columns that decide whether a link may be answered today. */
export interface WaveGate {
  status: string;
  opens_on: string | null;
  closes_on: string | null;
  k: number;
}

export interface InviteGateRow extends WaveGate {
  wave_id: string;
  organization_id: string;
  used: number;
  revoked: number;
}

/** Dates are ISO days (YYYY-MM-DD), so comparing strings compares days. */
export function waveProblem(wave: WaveGate, day: string): EntryProblem | null {
  if (wave.status === 'closed' || (wave.closes_on !== null && wave.closes_on < day)) return 'closed';
  if (wave.status !== 'open' || (wave.opens_on !== null && wave.opens_on > day)) return 'notOpen';
  return null;
}

/** Why an invite (with its wave) cannot be answered on `day`, or null when it can. */
export function inviteProblem(row: InviteGateRow | undefined, day: string): EntryProblem | null {
  if (!row) return 'unknown';
  if (row.revoked === 1) return 'revoked';
  if (row.used === 1) return 'used';
  return waveProblem(row, day);
}

/**
 * Why the writer refused to claim a code: what the invite says now, or "used" when it looks
 * answerable (the code was claimed a moment ago, by an earlier submission in the same batch
 * or a concurrent one).
 */
export function refusalReason(row: InviteGateRow | undefined, day: string): EntryProblem {
  return inviteProblem(row, day) ?? 'used';
}

/** The invite and its wave in one query: SQLite prepares it once and keeps it. */
export const INVITE_GATE_SQL = `SELECT i.wave_id, i.organization_id, i.used, i.revoked, w.status, w.opens_on, w.closes_on, w.k
  FROM invites i INNER JOIN waves w ON w.id = i.wave_id WHERE i.code_hash = ?`;

/** The same query through Kysely, for any dialect and for hashes in bulk. */
export function selectInviteGates(db: Kysely<Database>, codeHashes: readonly string[]) {
  return db
    .selectFrom('invites')
    .innerJoin('waves', 'waves.id', 'invites.wave_id')
    .select(['invites.code_hash', 'invites.wave_id', 'invites.organization_id', 'invites.used', 'invites.revoked', 'waves.status', 'waves.opens_on', 'waves.closes_on', 'waves.k'])
    .where('invites.code_hash', 'in', codeHashes);
}

/**
 * Marks used each of these invites that may be answered on `day`, in one statement that
 * checks and claims (the SQL twin of `inviteProblem(...) === null`), and returns the ones
 * it claimed with their wave and organization.
 */
export function claimInvites(db: Kysely<Database>, codeHashes: readonly string[], day: string) {
  return db
    .updateTable('invites')
    .set({ used: 1 })
    .where('code_hash', 'in', codeHashes)
    .where('used', '=', 0)
    .where('revoked', '=', 0)
    .where('wave_id', 'in', (eb) => eb
      .selectFrom('waves')
      .select('id')
      .where('status', '=', 'open')
      .where((w) => w.or([w('opens_on', 'is', null), w('opens_on', '<=', day)]))
      .where((w) => w.or([w('closes_on', 'is', null), w('closes_on', '>=', day)])))
    .returning(['code_hash', 'wave_id', 'organization_id']);
}

/** `claimInvites` for one code as SQLite SQL, bound (code_hash, day, day): prepared once. */
export const CLAIM_INVITE_SQL = `UPDATE invites SET used = 1
  WHERE code_hash = ? AND used = 0 AND revoked = 0
    AND wave_id IN (SELECT id FROM waves WHERE status = 'open' AND (opens_on IS NULL OR opens_on <= ?) AND (closes_on IS NULL OR closes_on >= ?))
  RETURNING wave_id, organization_id`;
