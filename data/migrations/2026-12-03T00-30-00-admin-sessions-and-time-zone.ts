// Admin page sessions kept on the server, and a time zone for each study.
//
// admin_sessions: one row per signed-in browser. The cookie holds a random session id; the
// table holds only its keyed hash, so a copy of the database cannot be turned into a
// working cookie. Signing out deletes the row, which ends the session wherever the cookie
// went; revoking (or deleting) the admin token ends its sessions too.
//
// studies.time_zone: the IANA zone in which the study's wave dates are local days. Studies
// that already exist ran on UTC days, so they keep UTC.
// Frozen in time: it imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admin_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('token_id', 'text', (c) => c.notNull().references('admin_tokens.id').onDelete('cascade'))
    // Unix seconds: when the session stops working. An admin's sitting, never a respondent's.
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admin_sessions_token').on('admin_sessions').column('token_id').execute();
  await db.schema.alterTable('studies').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('studies').dropColumn('time_zone').execute();
  await db.schema.dropTable('admin_sessions').execute();
}
