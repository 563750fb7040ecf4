// The one rule for answering an invite code on a given day: the code is unused and not
// revoked, and its wave is open that day (status 'open', opened by then, not closed before).
// Written twice, side by side, and held to one table of cases by
// tests/data/submissions/invite-rule.test.ts:
// - in SQL, as one condition (`answerable`), from which every claim is made: the Kysely
//   UPDATE (`claimInvites`), the SQLite writer thread's prepared statement (compiled from that
//   same UPDATE, `sqliteInviteStatements`) and PostgreSQL's batch statement (postgres-batch.ts);
//   each writes what `claimedColumns` says: the code used, and the hash of the token it was
//   answered with, by which a replay of that submission is recognised when its claim fails;
// - in TypeScript (`inviteProblem`), which the survey pages check on every page and which
//   says why a code is refused. The writer checks again in the transaction that claims the
//   code, so a wave closed or a code revoked between the first page and the submit is refused.
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../database.js';
import { statementText, type StatementText } from './sql-text.js';

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

/**
 * The rule in SQL: true for an invite row (alias `invite`) joined with a row of waves (alias
 * `wave`) when that is the invite's wave and the code may be answered on `day`. Dates are ISO
 * days (YYYY-MM-DD) stored as text, so comparing strings compares days.
 */
export function answerable(invite: string, wave: string, day: Expression<string>): RawBuilder<SqlBool> {
  const i = (column: string) => sql.ref(`${invite}.${column}`);
  const w = (column: string) => sql.ref(`${wave}.${column}`);
  return sql<SqlBool>`(${w('id')} = ${i('wave_id')} AND ${i('used')} = 0 AND ${i('revoked')} = 0 AND ${w('status')} = 'open'
    AND (${w('opens_on')} IS NULL OR ${w('opens_on')} <= ${day}) AND (${w('closes_on')} IS NULL OR ${w('closes_on')} >= ${day}))`;
}

/** The rule in TypeScript, for a wave alone (open links have no code). */
export function waveProblem(wave: WaveGate, day: string): EntryProblem | null {
  if (wave.status === 'closed' || (wave.closes_on !== null && wave.closes_on < day)) return 'closed';
  if (wave.status !== 'open' || (wave.opens_on !== null && wave.opens_on > day)) return 'notOpen';
  return null;
}

/** Why an invite (with its wave) cannot be answered on `day`, or null when it can: `answerable`'s twin. */
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

/** Each of these invites with its wave: what `inviteProblem` reads. */
export function selectInviteGates(db: Kysely<Database>, codeHashes: readonly string[]) {
  return db
    .selectFrom('invites')
    .innerJoin('waves', 'waves.id', 'invites.wave_id')
    .select(['invites.code_hash', 'invites.wave_id', 'invites.organization_id', 'invites.used', 'invites.revoked', 'waves.status', 'waves.opens_on', 'waves.closes_on', 'waves.k'])
    .where('invites.code_hash', 'in', codeHashes);
}

/** The invite and its wave, with the hash of the token the invite was answered with: what a refused claim is judged by. */
export function selectRefusals(db: Kysely<Database>, codeHashes: readonly string[]) {
  return selectInviteGates(db, codeHashes).select('invites.token_hash');
}

/** An invite as a refused claim is judged: its gate, and the token hash it was answered with. */
export type RefusalRow = InviteGateRow & { token_hash: string | null };

// Codes per lookup: well under every dialect's parameter limit.
const MAX_CODES_PER_LOOKUP = 500;

/** The refused codes' invites as they are now (this transaction's claims included), by code hash. */
export async function findRefusals(db: Kysely<Database>, codeHashes: readonly string[]): Promise<Map<string, RefusalRow>> {
  const rows = new Map<string, RefusalRow>();
  for (let i = 0; i < codeHashes.length; i += MAX_CODES_PER_LOOKUP) {
    for (const r of await selectRefusals(db, codeHashes.slice(i, i + MAX_CODES_PER_LOOKUP)).execute()) rows.set(r.code_hash, r);
  }
  return rows;
}

/**
 * What a claim writes into the invite row: the code used, and the keyed hash of the token it
 * was answered with (null without one). The hash is scoped to the code's own hash and the row
 * already says the code was used, so it links to no response (see SECURITY.md).
 */
export function claimedColumns(tokenHash: Expression<string | null>) {
  return { used: sql.lit<1>(1), token_hash: tokenHash };
}

/** An invite to claim, with the token hash of the submission claiming it (null: none). */
export interface InviteClaim {
  codeHash: string;
  tokenHash: string | null;
}

/**
 * Marks used each of these invites that may be answered on `day`, recording each one's token
 * hash, in one statement that checks and claims, and returns the ones it claimed with their
 * wave and organization. One claim per code: the caller picks which submission takes it.
 */
export function claimInvites(db: Kysely<Database>, claims: readonly InviteClaim[], day: string) {
  const token = claims.length === 1
    ? sql.val(claims[0].tokenHash)
    : sql<string | null>`CASE ${sql.ref('invites.code_hash')} ${sql.join(claims.map((c) => sql`WHEN ${c.codeHash} THEN ${c.tokenHash}`), sql` `)} END`;
  return db
    .updateTable('invites')
    .from('waves')
    .set(claimedColumns(token))
    .where('invites.code_hash', 'in', claims.map((c) => c.codeHash))
    .where(answerable('invites', 'waves', sql.val(day)))
    .returning(['invites.code_hash', 'invites.wave_id', 'invites.organization_id']);
}

/** What the SQLite writer thread prepares: `claimInvites` and `selectRefusals` for one code. */
export interface SqliteInviteStatements {
  /** Claims an invite with a token hash (null: none); returns its wave_id and organization_id, or no row. */
  claim: StatementText<'codeHash' | 'tokenHash' | 'day'>;
  /** Returns the invite's InviteGateRow with its token_hash, or no row. */
  lookup: StatementText<'codeHash'>;
}

export function sqliteInviteStatements(): SqliteInviteStatements {
  return {
    claim: statementText('sqlite', ['codeHash', 'tokenHash', 'day'], (db, p) => claimInvites(db, [{ codeHash: p.codeHash, tokenHash: p.tokenHash }], p.day)),
    lookup: statementText('sqlite', ['codeHash'], (db, p) => selectRefusals(db, [p.codeHash])),
  };
}
