// Writing and counting survey responses. Rows are complete on insert: nothing is stored
// before the final submit, and a batch is written in one statement per chunk.
import type { Kysely } from 'kysely';
import type { Database, NewResponse } from '../database.js';

type Db = Kysely<Database>;

// SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535: chunk so a
// ~70-column row never crosses the smaller of the two.
const MAX_PARAMS = 32_000;

export async function insertResponses(db: Db, rows: readonly NewResponse[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).length;
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    await db.insertInto('responses').values(rows.slice(i, i + chunk) as NewResponse[]).execute();
  }
}

export async function countResponses(db: Db, waveId: string): Promise<number> {
  const row = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('wave_id', '=', waveId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countResponsesByOrganization(db: Db, waveId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('responses')
    .select(['organization_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('wave_id', '=', waveId)
    .groupBy('organization_id')
    .execute();
  return new Map(rows.map((r) => [r.organization_id, Number(r.n)]));
}
