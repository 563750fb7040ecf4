// How a person arrives: by a single-use invite code (/s/:code) or an organization's open
// link (/o/:token). Resolves either to the wave and organization it belongs to, or to the
// problem to show (unknown, used, revoked, closed, not yet open). Never logs the code.
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { sqliteConnectionOf } from '../../data/connect.js';
import type { Database } from '../../data/database.js';
import { keyedHash, normalizeCode, today } from '../../data/ids.js';
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

/** Wave columns that decide whether a link may be answered today. */
interface WaveGate {
  status: string;
  opens_on: string | null;
  closes_on: string | null;
  k: number;
}

function gate(wave: WaveGate, day: string): EntryProblem | null {
  if (wave.status === 'closed' || (wave.closes_on !== null && wave.closes_on < day)) return 'closed';
  if (wave.status !== 'open' || (wave.opens_on !== null && wave.opens_on > day)) return 'notOpen';
  return null;
}

interface InviteGateRow extends WaveGate {
  wave_id: string;
  organization_id: string;
  used: number;
  revoked: number;
}

const inviteLookups = new WeakMap<SQLite.Database, SQLite.Statement<[string], InviteGateRow>>();
const INVITE_LOOKUP_SQL = `SELECT i.wave_id, i.organization_id, i.used, i.revoked, w.status, w.opens_on, w.closes_on, w.k
  FROM invites i INNER JOIN waves w ON w.id = i.wave_id WHERE i.code_hash = ?`;

/**
 * SQLite: the same query as below through one prepared statement, without Kysely building
 * and compiling it on every request. Null means "ask Kysely": not SQLite, or a Kysely
 * transaction holds the connection (whose uncommitted rows this must not see).
 */
function directInviteLookup(db: Kysely<Database>, codeHash: string): InviteGateRow | undefined | null {
  const conn = sqliteConnectionOf(db);
  if (!conn || conn.inTransaction) return null;
  let stmt = inviteLookups.get(conn);
  if (!stmt) {
    stmt = conn.prepare<[string], InviteGateRow>(INVITE_LOOKUP_SQL);
    inviteLookups.set(conn, stmt);
  }
  return stmt.get(codeHash);
}

export async function resolveEntry(db: Kysely<Database>, secret: string, ref: EntryRef, day: string = today()): Promise<EntryResult> {
  const value = ref.kind === 'invite' ? ref.code : ref.token;
  if (value.length === 0 || value.length > MAX_REF_LENGTH) return { ok: false, problem: 'unknown' };
  if (ref.kind === 'invite') {
    // One query for the invite and its wave: this runs on every page and every API call.
    const codeHash = keyedHash(secret, normalizeCode(ref.code));
    const direct = directInviteLookup(db, codeHash);
    const row = direct !== null ? direct : await db
      .selectFrom('invites')
      .innerJoin('waves', 'waves.id', 'invites.wave_id')
      .select(['invites.wave_id', 'invites.organization_id', 'invites.used', 'invites.revoked', 'waves.status', 'waves.opens_on', 'waves.closes_on', 'waves.k'])
      .where('invites.code_hash', '=', codeHash)
      .executeTakeFirst();
    if (!row) return { ok: false, problem: 'unknown' };
    if (row.revoked === 1) return { ok: false, problem: 'revoked' };
    if (row.used === 1) return { ok: false, problem: 'used' };
    const problem = gate(row, day);
    return problem ? { ok: false, problem } : { ok: true, entry: { waveId: row.wave_id, organizationId: row.organization_id, k: row.k, codeHash } };
  }
  const link = await findOrgLink(db, secret, ref.token, 'open');
  if (!link) return { ok: false, problem: 'unknown' };
  const wave = await db.selectFrom('waves').select(['status', 'opens_on', 'closes_on', 'k']).where('id', '=', link.wave_id).executeTakeFirst();
  if (!wave) return { ok: false, problem: 'unknown' };
  const problem = gate(wave, day);
  return problem ? { ok: false, problem } : { ok: true, entry: { waveId: link.wave_id, organizationId: link.organization_id, k: wave.k } };
}
