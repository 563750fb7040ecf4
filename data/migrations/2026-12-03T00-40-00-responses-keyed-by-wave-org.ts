// SQLite: `responses` keyed by (wave_id, organization_id, id), WITHOUT ROWID, and no separate
// (wave, organization) index.
//
// Why: keyed by its random id alone, the table needed that index beside it, so every
// submission dirtied two random B-tree leaves (the row's and its index entry's), each written
// to the log and again at the checkpoint; and a wave read through the index paid a B-tree
// search by id per row. Keyed by (wave, organization, id) the rows are their own index: one
// leaf per submission, and a wave is one range of the key, each organization's rows together.
// Within an organization rows still sit in random-id order, so the file keeps no arrival
// order; there is still no row number.
//
// Nothing looks a response up by its id alone outside tests (such a lookup now scans), and
// the cascades from waves find their rows by the key's first column.
//
// PostgreSQL keeps its heap and its (wave, organization) index: a heap table has no key order
// to borrow (see SECURITY.md for what its heap keeps).
//
// Frozen in time: it imports no application code, only the initial migration's column lists.
import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { RESPONSE_INT, RESPONSE_TEXT } from './2026-11-28T00-00-00-initial.js';

const COLUMNS = ['id', 'wave_id', 'organization_id', 'received_on', 'instrument_version', 'lang', 'source', ...RESPONSE_TEXT, ...RESPONSE_INT];

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * SQLite: `responses` rebuilt WITHOUT ROWID, keyed by (wave, organization, id) with no other
 * index, or (down) by id with the (wave, organization) index, every row kept.
 */
async function rebuildSqlite(db: Kysely<any>, key: 'wave_org_id' | 'id'): Promise<void> {
  let table = db.schema
    .createTable('responses_rebuilt')
    .addColumn('id', 'text', (c) => (key === 'id' ? c.primaryKey().notNull() : c.notNull()))
    .addColumn('wave_id', 'text', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull());
  for (const col of RESPONSE_TEXT) table = table.addColumn(col, 'text');
  for (const col of RESPONSE_INT) table = table.addColumn(col, 'integer');
  if (key === 'wave_org_id') table = table.addPrimaryKeyConstraint('responses_pk', ['wave_id', 'organization_id', 'id']);
  await table.modifyEnd(sql`without rowid`).execute();
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  const order = key === 'id' ? sql`id` : sql`wave_id, organization_id, id`;
  await sql`insert into responses_rebuilt (${columns}) select ${columns} from responses order by ${order}`.execute(db);
  // Nothing references responses, so dropping it (and its index) touches no other table.
  await db.schema.dropTable('responses').execute();
  await db.schema.alterTable('responses_rebuilt').renameTo('responses').execute();
  if (key === 'id') await db.schema.createIndex('responses_wave_org').on('responses').columns(['wave_id', 'organization_id']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) await rebuildSqlite(db, 'wave_org_id');
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) await rebuildSqlite(db, 'id');
}
