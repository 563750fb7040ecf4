// On a SQLite file, extract reads its chunks on reader threads: the wave it returns must be
// the one the inline read returns, byte for byte (the fingerprint hashes every column), and
// a response deleted mid-read must still stop the run. That the threads, not this thread,
// read the chunks when asked is tested where they live (tests/data/readers/wave-responses.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../data/errors.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { extractWave } from '../../pipeline/extract.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';

describe('extract on reader threads (SQLite file)', () => {
  let t: TestDatabase;
  let waveId: string;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await writeSyntheticStudy(t.handle.db, { orgs: 30, staffMin: 5, staffMax: 40, seed: 21 });
    waveId = (await t.handle.db.selectFrom('waves').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t.destroy());

  it('gives the same wave as reading inline, with one thread or two', async () => {
    const inline = await extractWave(t.handle.db, waveId, { readers: 0, chunkRows: 60 });
    for (const readers of [1, 2]) {
      let chunks = 0;
      const threaded = await extractWave(t.handle.db, waveId, { readers, chunkRows: 60, onProgress: () => chunks++ });
      expect(chunks).toBeGreaterThan(3);
      expect(threaded.fingerprint).toBe(inline.fingerprint);
      expect(threaded.n).toBe(inline.n);
      expect(threaded.invalidAnswers).toBe(inline.invalidAnswers);
      expect(threaded.instrumentVersions).toEqual(inline.instrumentVersions);
      expect(Array.from(threaded.tenure)).toEqual(Array.from(inline.tenure));
    }
  });

  it('refuses a wave that lost a response while the threads were reading it', async () => {
    let deleted = false;
    const reading = extractWave(t.handle.db, waveId, {
      readers: 2,
      chunkRows: 60,
      onProgress: () => {
        if (deleted) return;
        deleted = true;
        t.handle.sqlite!.prepare('DELETE FROM responses WHERE id = (SELECT id FROM responses WHERE wave_id = ? ORDER BY id DESC LIMIT 1)').run(waveId);
      },
    });
    await expect(reading).rejects.toBeInstanceOf(ConflictError);
    expect(deleted).toBe(true);
  });
});
