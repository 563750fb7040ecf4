// `invites.token_hash`: the keyed hash of the one-time token an invite was answered with,
// written by the statement that claims the invite (`used = 1, token_hash = ...`).
//
// Why here: a replayed final submit of an invite (a double click, a re-post after a restart,
// a client retrying) is recognised by its claim failing on a row that holds its own token
// hash, so an invite submission no longer writes a row of `submission_tokens` (one more
// random B-tree page per commit, written to the log and again at the checkpoint).
//
// Why this links nothing: the row already says its code was used; the hash is of a random
// token never stored, keyed with ROOTWORK_SECRET and scoped to the code's own hash, so it
// names no response and no other code. No export, admin page or API reads the column.
//
// `submission_tokens` stays: open links have no invite row, and tokens recorded before this
// migration are there (the writer looks there too, only when a claim is refused). Down moves
// the invites' hashes into `submission_tokens`, so replays stay recognised either way.
//
// Frozen in time: it imports no application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invites').addColumn('token_hash', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`insert into submission_tokens (token_hash) select token_hash from invites where token_hash is not null on conflict do nothing`.execute(db);
  await db.schema.alterTable('invites').dropColumn('token_hash').execute();
}
