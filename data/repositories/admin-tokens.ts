// Admin tokens: created once (the token is shown to its maker and never again), stored
// only as a keyed hash, revoked by label or id. Every admin request is checked here.
import type { Kysely } from 'kysely';
import type { AdminToken, Database } from '../database.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { keyedHash, randomCode, randomId, sameDigest, today } from '../ids.js';

type Db = Kysely<Database>;

/** The public part of a token row: never the hash. */
export type AdminTokenInfo = Pick<AdminToken, 'id' | 'label' | 'created_on' | 'revoked_on'>;

// A prefix makes a leaked token recognizable in logs and secret scanners.
const PREFIX = 'rwa_';

export async function createAdminToken(db: Db, secret: string, label: string): Promise<{ token: string; info: AdminTokenInfo }> {
  const clean = label.trim();
  if (clean === '' || clean.length > 100) {
    throw new InvalidInputError('A token needs a label of 1 to 100 characters saying who holds it, e.g. --label "program officer".', [{ path: 'label', message: 'Required, at most 100 characters.' }]);
  }
  const active = await db.selectFrom('admin_tokens').select('id').where('label', '=', clean).where('revoked_on', 'is', null).executeTakeFirst();
  if (active) throw new ConflictError(`An active token is already labelled "${clean}": revoke it first or choose another label.`);
  // 32 symbols of base32 = 160 bits: far beyond guessing.
  const token = PREFIX + randomCode(32);
  const info: AdminTokenInfo = { id: randomId(), label: clean, created_on: today(), revoked_on: null };
  await db.insertInto('admin_tokens').values({ ...info, token_hash: keyedHash(secret, token) }).execute();
  return { token, info };
}

/**
 * The active token row matching `token`, or undefined. The lookup goes by keyed hash, so
 * an attacker controls nothing about what is compared; the final comparison is timing-safe.
 */
export async function verifyAdminToken(db: Db, secret: string, token: string): Promise<AdminTokenInfo | undefined> {
  const candidate = token.trim();
  if (candidate === '' || candidate.length > 200) return undefined;
  const hash = keyedHash(secret, candidate);
  const row = await db.selectFrom('admin_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  if (!row || !sameDigest(row.token_hash, hash) || row.revoked_on !== null) return undefined;
  return { id: row.id, label: row.label, created_on: row.created_on, revoked_on: row.revoked_on };
}

/** True when the token with this id exists and is not revoked (sessions re-check this on every request). */
export async function isAdminTokenActive(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('admin_tokens').select('revoked_on').where('id', '=', id).executeTakeFirst();
  return row !== undefined && row.revoked_on === null;
}

/** Revokes the active token with this id or label; returns what was revoked. */
export async function revokeAdminToken(db: Db, idOrLabel: string): Promise<AdminTokenInfo> {
  const key = idOrLabel.trim();
  const row = await db
    .selectFrom('admin_tokens')
    .select(['id', 'label', 'created_on', 'revoked_on'])
    .where((eb) => eb.or([eb('id', '=', key), eb('label', '=', key)]))
    .where('revoked_on', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No active admin token with id or label "${key}": see \`rootwork admin list-tokens\`.`);
  const revoked_on = today();
  await db.updateTable('admin_tokens').set({ revoked_on }).where('id', '=', row.id).execute();
  return { ...row, revoked_on };
}

export async function listAdminTokens(db: Db): Promise<AdminTokenInfo[]> {
  return db.selectFrom('admin_tokens').select(['id', 'label', 'created_on', 'revoked_on']).orderBy('created_on').orderBy('label').execute();
}
