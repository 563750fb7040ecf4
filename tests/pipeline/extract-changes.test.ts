// extract.ts reads the wave organization by organization and keeps each one's rows as they
// were when it read them, so a response added to or removed from an organization it has
// already read must stop the run (a ConflictError) rather than go unnoticed.
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../data/errors.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { extractWave } from '../../pipeline/extract.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const t of databases) await t.destroy();
});

describe('extract while responses change (SQLite: its synchronous handle deletes mid-read)', () => {
  it('reads a settled wave whole, and refuses one that lost a response during the read', async () => {
    const t = await createTestDatabase('sqlite');
    databases.push(t);
    await writeSyntheticStudy(t.handle.db, { orgs: 4, staffMin: 6, staffMax: 9, seed: 11 });
    const wave = await t.handle.db.selectFrom('waves').select('id').executeTakeFirstOrThrow();
    const settled = await extractWave(t.handle.db, wave.id);
    expect(settled.orgs.reduce((s, o) => s + o.respondents, 0)).toBe(settled.n);

    const sqlite = t.handle.sqlite!;
    let deleted = false;
    const reading = extractWave(t.handle.db, wave.id, {
      onProgress: () => {
        if (deleted) return;
        deleted = true;
        // The first organization's first response: read in the first chunk.
        sqlite.prepare('DELETE FROM responses WHERE id = (SELECT id FROM responses WHERE wave_id = ? ORDER BY organization_id, id LIMIT 1)').run(wave.id);
      },
    });
    await expect(reading).rejects.toBeInstanceOf(ConflictError);
    expect(deleted).toBe(true);
  });
});
