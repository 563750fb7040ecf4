// writeMarker tells the extract whether anything was committed since it planned its read:
// equal markers must mean no write at all — by another connection (a submission writer
// thread, another process) or by this one — and PostgreSQL, which has no such counter,
// must never claim "nothing written".
import SQLite from 'better-sqlite3';
import { sqliteConnectionOf } from '../../../data/connect.js';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { nothingWritten, writeMarker } from '../../../data/readers/write-marker.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const t of databases) await t.destroy();
});

describe('write marker (SQLite)', () => {
  it('stays equal while only reads happen, and changes on a commit by this or another connection', async () => {
    const t = await createTestDatabase('sqlite');
    databases.push(t);
    const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 2, staffMin: 5, staffMax: 6, seed: 3 });
    const file = sqliteConnectionOf(t.handle.db)!.name;

    const start = writeMarker(t.handle.db);
    await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', waveId).execute();
    expect(nothingWritten(start, writeMarker(t.handle.db))).toBe(true);

    // Another connection (as the submission writer's thread, or another process) deletes a response.
    const other = new SQLite(file);
    try {
      other.prepare('DELETE FROM responses WHERE id = (SELECT id FROM responses WHERE wave_id = ? LIMIT 1)').run(waveId);
    } finally {
      other.close();
    }
    const afterOther = writeMarker(t.handle.db);
    expect(nothingWritten(start, afterOther)).toBe(false);

    // This connection writes.
    await t.handle.db.deleteFrom('responses').where('id', '=', (await t.handle.db.selectFrom('responses').select('id').executeTakeFirstOrThrow()).id).execute();
    expect(nothingWritten(afterOther, writeMarker(t.handle.db))).toBe(false);
  });
});

for (const dialect of DIALECTS.filter((d) => d !== 'sqlite')) {
  describe(`write marker (${dialect})`, () => {
    it('never says nothing was written: the caller checks another way', async () => {
      const t = await createTestDatabase(dialect);
      databases.push(t);
      expect(writeMarker(t.handle.db)).toBeUndefined();
      expect(nothingWritten(writeMarker(t.handle.db), writeMarker(t.handle.db))).toBe(false);
    });
  });
}
