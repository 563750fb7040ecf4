// `responses.id` stays a random UUID but is no longer a primary key, so it has no index.
//
// Why: nothing looks a response up by its id (it gives exports a stable order that says
// nothing about time), yet its index cost more than the rest of an insert. A random key
// lands on its own page of the index, so every submission wrote one more 4 KB page to the
// SQLite WAL and waited for it to be fsynced, which about doubled the cost of a row.
// Uniqueness holds by construction: Rootwork makes every id itself (crypto.randomUUID,
// 122 random bits, and the CSV import makes new ones too).
//
// SQLite cannot drop a primary key, so its table is rebuilt. The rows it copies are written
// in id order, so their order on disk no longer says when anyone answered.
// Frozen in time like the initial migration: it imports no application code, only the
// initial migration's column lists.
import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { RESPONSE_INT, RESPONSE_TEXT } from './2026-11-28T00-00-00-initial.js';

const COLUMNS = ['id', 'wave_id', 'organization_id', 'received_on', 'instrument_version', 'lang', 'source', ...RESPONSE_TEXT, ...RESPONSE_INT];

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** SQLite: `responses` rebuilt with or without the primary key on id, every row kept. */
async function rebuildSqlite(db: Kysely<any>, idIsPrimaryKey: boolean): Promise<void> {
  let table = db.schema
    .createTable('responses_rebuilt')
    .addColumn('id', 'text', (c) => (idIsPrimaryKey ? c.primaryKey() : c.notNull()))
    .addColumn('wave_id', 'text', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull());
  for (const col of RESPONSE_TEXT) table = table.addColumn(col, 'text');
  for (const col of RESPONSE_INT) table = table.addColumn(col, 'integer');
  await table.execute();
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into responses_rebuilt (${columns}) select ${columns} from responses order by id`.execute(db);
  // Nothing references responses, so dropping it touches no other table.
  await db.schema.dropTable('responses').execute();
  await db.schema.alterTable('responses_rebuilt').renameTo('responses').execute();
  await db.schema.createIndex('responses_wave_org').on('responses').columns(['wave_id', 'organization_id']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) await rebuildSqlite(db, false);
  // PostgreSQL names an unnamed primary key <table>_pkey.
  else await sql`alter table responses drop constraint responses_pkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) await rebuildSqlite(db, true);
  else await sql`alter table responses add primary key (id)`.execute(db);
}
