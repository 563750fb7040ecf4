// Admin tokens: created once (the token is shown to its maker and never again), stored
// only as a keyed hash, revoked by label or id. Every admin request is checked here.
// A one-time sign-in token (rwo_, as `rootwork demo` prints) starts one page session and is
// then spent: its hash is replaced, so the row (and the session tied to it) lives on while
// the printed token works nowhere, neither for a second sign-in nor for the API.
import type { Kysely } from 'kysely';
import type { AdminToken, Database } from '../database.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { keyedHash, randomCode, randomId, sameDigest, today } from '../ids.js';

type Db = Kysely<Database>;

/** The public part of a token row: never the hash. */
export type AdminTokenInfo = Pick<AdminToken, 'id' | 'label' | 'created_on' | 'revoked_on'>;

// A prefix makes a leaked token recognizable in logs and secret scanners.
const PREFIX = 'rwa_';
const ONE_TIME_PREFIX = 'rwo_';

/** Whether a token is a one-time sign-in token (good for one page session, never for the API). */
export function isOneTimeToken(token: string): boolean {
  return token.trim().startsWith(ONE_TIME_PREFIX);
}

export async function createAdminToken(db: Db, secret: string, label: string, options: { oneTime?: boolean } = {}): Promise<{ token: string; info: AdminTokenInfo }> {
  const clean = label.trim();
  if (clean === '' || clean.length > 100) {
    throw new InvalidInputError('A token needs a label of 1 to 100 characters saying who holds it, e.g. --label "program officer".', [{ path: 'label', message: 'Required, at most 100 characters.' }]);
  }
  const active = await db.selectFrom('admin_tokens').select('id').where('label', '=', clean).where('revoked_on', 'is', null).executeTakeFirst();
  if (active) throw new ConflictError(`An active token is already labelled "${clean}": revoke it first or choose another label.`);
  // 32 symbols of base32 = 160 bits: far beyond guessing.
  const token = (options.oneTime ? ONE_TIME_PREFIX : PREFIX) + randomCode(32);
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

/**
 * Spends a one-time sign-in token: the active row it matches, or undefined when it is
 * wrong, revoked or already spent. Replacing the hash only where it still matches makes
 * two simultaneous sign-ins with one token start one session, not two.
 */
export async function spendOneTimeToken(db: Db, secret: string, token: string): Promise<AdminTokenInfo | undefined> {
  if (!isOneTimeToken(token)) return undefined;
  const info = await verifyAdminToken(db, secret, token);
  if (!info) return undefined;
  const spent = keyedHash(secret, `spent.${randomCode(32)}`);
  const result = await db
    .updateTable('admin_tokens')
    .set({ token_hash: spent })
    .where('id', '=', info.id)
    .where('token_hash', '=', keyedHash(secret, token.trim()))
    .where('revoked_on', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? info : undefined;
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
