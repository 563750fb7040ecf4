// Admin page sessions, kept on the server so that signing out (or revoking the token) ends
// them. The browser holds a random session id; the table holds its keyed hash, the admin
// token it belongs to and when it expires. Every sign-in starts a new id.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { keyedHash } from '../ids.js';

type Db = Kysely<Database>;

// 32 random bytes, base64url: 256 bits, far beyond guessing.
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (secret: string, sessionId: string) => keyedHash(secret, `admin-session.${sessionId}`);

/**
 * Starts a session for this admin token, valid until `expiresAt` (Unix seconds); returns
 * the new random id for the cookie. Expired sessions of every token are cleared on the way,
 * so the table holds only live ones.
 */
export async function startAdminSession(db: Db, secret: string, tokenId: string, nowSeconds: number, expiresAt: number): Promise<string> {
  const id = crypto.randomBytes(32).toString('base64url');
  await db.deleteFrom('admin_sessions').where('expires_at', '<=', nowSeconds).execute();
  await db.insertInto('admin_sessions').values({ id_hash: hashOf(secret, id), token_id: tokenId, expires_at: expiresAt }).execute();
  return id;
}

/**
 * The admin token id of a live session: one that exists, has not expired and whose token is
 * not revoked. Undefined for anything else, including a value that is not a session id.
 */
export async function findAdminSession(db: Db, secret: string, sessionId: string | undefined, nowSeconds: number): Promise<string | undefined> {
  if (!sessionId || !SESSION_ID.test(sessionId)) return undefined;
  // Looked up by keyed hash: the attacker controls nothing about what is compared.
  const row = await db
    .selectFrom('admin_sessions')
    .innerJoin('admin_tokens', 'admin_tokens.id', 'admin_sessions.token_id')
    .select('admin_sessions.token_id')
    .where('admin_sessions.id_hash', '=', hashOf(secret, sessionId))
    .where('admin_sessions.expires_at', '>', nowSeconds)
    .where('admin_tokens.revoked_on', 'is', null)
    .executeTakeFirst();
  return row?.token_id;
}

/** Ends a session (sign-out, or a new sign-in from the same browser). Unknown ids are ignored. */
export async function endAdminSession(db: Db, secret: string, sessionId: string | undefined): Promise<void> {
  if (!sessionId || !SESSION_ID.test(sessionId)) return;
  await db.deleteFrom('admin_sessions').where('id_hash', '=', hashOf(secret, sessionId)).execute();
}
