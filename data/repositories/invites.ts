// Single-use invite codes. Only keyed hashes are stored; the codes are returned once, to
// be handed out, and can never be shown again.
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { keyedHash, normalizeCode, randomCode, randomId } from '../ids.js';

type Db = Kysely<Database>;

export interface IssuedInvites {
  batch: string;
  codes: string[];
}

export async function issueInvites(db: Db, secret: string, waveId: string, organizationId: string, count: number): Promise<IssuedInvites> {
  const batch = randomId();
  const codes: string[] = [];
  for (let i = 0; i < count; i++) codes.push(randomCode());
  const rows = codes.map((code) => ({
    code_hash: keyedHash(secret, code),
    wave_id: waveId,
    organization_id: organizationId,
    batch,
    used: 0 as const,
    revoked: 0 as const,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('invites').values(rows.slice(i, i + 1000)).execute();
  }
  return { batch, codes };
}

export type InviteState =
  | { status: 'valid'; codeHash: string; waveId: string; organizationId: string }
  | { status: 'unknown' | 'used' | 'revoked' };

/** Looks a typed code up by its keyed hash. */
export async function findInvite(db: Db, secret: string, code: string): Promise<InviteState> {
  const codeHash = keyedHash(secret, normalizeCode(code));
  const row = await db.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  if (!row) return { status: 'unknown' };
  if (row.revoked === 1) return { status: 'revoked' };
  if (row.used === 1) return { status: 'used' };
  return { status: 'valid', codeHash, waveId: row.wave_id, organizationId: row.organization_id };
}

/**
 * Marks a code used, only if it is still unused; returns false when another submission
 * got there first. Call inside the transaction that writes the response.
 */
export async function markInviteUsed(db: Db, codeHash: string): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set({ used: 1 })
    .where('code_hash', '=', codeHash)
    .where('used', '=', 0)
    .where('revoked', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
