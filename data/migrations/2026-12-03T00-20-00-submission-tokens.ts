// Two changes so that the database's files keep no trace of who answered when:
//
// 1. `submission_tokens`: the keyed hash of each stored submission's one-time token, written
//    in the transaction that stores the response, so a replayed final submit (a double click,
//    a re-post after a restart, a client retrying) is recognised and stores nothing. One
//    column, no foreign key, no id shared with `responses`; keyed by the hash itself, so its
//    order on disk is random.
// 2. SQLite: `responses` becomes a WITHOUT ROWID table keyed by its random id. A rowid table
//    appends rows in arrival order (and its wave/organization index orders each group by
//    rowid), so the file recorded the order people answered in; rows of a table keyed by a
//    random id sit in id order. PostgreSQL keeps its heap (see SECURITY.md for what remains).
//
// Frozen in time: it imports no application code, only the initial migration's column lists.
import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { RESPONSE_INT, RESPONSE_TEXT } from './2026-11-28T00-00-00-initial.js';

const COLUMNS = ['id', 'wave_id', 'organization_id', 'received_on', 'instrument_version', 'lang', 'source', ...RESPONSE_TEXT, ...RESPONSE_INT];

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** SQLite: `responses` rebuilt keyed by id WITHOUT ROWID (or back to a rowid table with id unindexed). */
async function rebuildSqlite(db: Kysely<any>, withoutRowid: boolean): Promise<void> {
  let table = db.schema
    .createTable('responses_rebuilt')
    .addColumn('id', 'text', (c) => (withoutRowid ? c.primaryKey().notNull() : c.notNull()))
    .addColumn('wave_id', 'text', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull());
  for (const col of RESPONSE_TEXT) table = table.addColumn(col, 'text');
  for (const col of RESPONSE_INT) table = table.addColumn(col, 'integer');
  if (withoutRowid) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into responses_rebuilt (${columns}) select ${columns} from responses order by id`.execute(db);
  // Nothing references responses, so dropping it touches no other table.
  await db.schema.dropTable('responses').execute();
  await db.schema.alterTable('responses_rebuilt').renameTo('responses').execute();
  await db.schema.createIndex('responses_wave_org').on('responses').columns(['wave_id', 'organization_id']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  let tokens = db.schema.createTable('submission_tokens').addColumn('token_hash', 'text', (c) => c.primaryKey().notNull());
  if (isSqlite(db)) tokens = tokens.modifyEnd(sql`without rowid`);
  await tokens.execute();
  if (isSqlite(db)) await rebuildSqlite(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) await rebuildSqlite(db, false);
  await db.schema.dropTable('submission_tokens').execute();
}
