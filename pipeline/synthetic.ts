// Whether a wave's responses include generated ones (source 'synthetic', from the study
// generator), so results.json and every report made from it can say so.
import type { Kysely } from 'kysely';
import type { Database } from '../data/database.js';

export async function waveHasSyntheticResponses(db: Kysely<Database>, waveId: string): Promise<boolean> {
  // One row is enough to know: a generated wave answers at its first row.
  const row = await db.selectFrom('responses').select('wave_id').where('wave_id', '=', waveId).where('source', '=', 'synthetic').limit(1).executeTakeFirst();
  return row !== undefined;
}
