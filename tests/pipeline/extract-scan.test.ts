// On SQLite, extract reads a wave that is most of `responses` by one scan of the table in key
// order (data/readers/wave-scan.ts) rather than through the (wave, organization) index: the
// wave it returns must be the one the index path returns, byte for byte (the fingerprint
// hashes every column); a wave that is a small part of the table still goes through the
// index; and a response added or deleted while the scan's chunks are consumed stops the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../data/errors.js';
import { countWaveResponses, readWaveResponses, scanIsCheaper, type ResponseChunk } from '../../data/readers/wave-responses.js';
import { RESPONSE_COLUMNS } from '../../pipeline/extract-columns.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { extractWave } from '../../pipeline/extract.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';

describe('extract by one scan (SQLite file)', () => {
  let t: TestDatabase;
  let waveId: string;
  let small: { waveId: string; responses: number };
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const big = await writeSyntheticStudy(t.handle.db, { orgs: 30, staffMin: 5, staffMax: 40, seed: 21 });
    waveId = big.waveId;
    // A second study, a few percent of the table: read through the index.
    small = await writeSyntheticStudy(t.handle.db, { orgs: 2, staffMin: 5, staffMax: 6, seed: 22, studyName: 'Small' });
  });
  afterAll(async () => t.destroy());

  it('scans a wave that is most of the table, and reads a small one through the index', async () => {
    const n = await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).where('wave_id', '=', waveId).executeTakeFirstOrThrow();
    expect(await scanIsCheaper(t.handle.db, Number(n.n))).toBe(true);
    expect(await scanIsCheaper(t.handle.db, small.responses)).toBe(false);
  });

  it('gives the same wave as the index path, column for column', async () => {
    for (const chunkRows of [60, 100_000]) {
      const indexed = await extractWave(t.handle.db, waveId, { readers: 0, chunkRows });
      let chunks = 0;
      const scanned = await extractWave(t.handle.db, waveId, { chunkRows, onProgress: () => chunks++ });
      if (chunkRows === 60) expect(chunks).toBeGreaterThan(3);
      expect(scanned.fingerprint).toBe(indexed.fingerprint);
      expect(scanned.n).toBe(indexed.n);
      expect(scanned.invalidAnswers).toBe(indexed.invalidAnswers);
      expect(scanned.instrumentVersions).toEqual(indexed.instrumentVersions);
      expect(Array.from(scanned.org)).toEqual(Array.from(indexed.org));
      expect(Array.from(scanned.tenure)).toEqual(Array.from(indexed.tenure));
      for (const item of Object.keys(indexed.items)) expect(Array.from(scanned.items[item]), item).toEqual(Array.from(indexed.items[item]));
    }
    const smallWave = await extractWave(t.handle.db, small.waveId);
    expect(smallWave.n).toBe(small.responses);
  });

  it('scans the same chunks on this thread as on two reader threads', async () => {
    const counts = await countWaveResponses(t.handle.db, waveId);
    const read = async (threads: number) => {
      const chunks: ResponseChunk[] = [];
      for await (const chunk of readWaveResponses(t.handle.db, waveId, counts, RESPONSE_COLUMNS, { chunkRows: 60, scan: true, threads })) chunks.push(chunk);
      return chunks.map(({ organizations, columns }) => ({ organizations, columns }));
    };
    const here = await read(0);
    expect(here.length).toBeGreaterThan(3);
    expect(here.flatMap((c) => c.organizations)).toEqual(counts);
    // Within an organization the scan's row order follows the random ids, the same on both.
    expect(await read(2)).toEqual(here);
  });

  for (const change of ['deleted', 'added'] as const) {
    it(`refuses a wave that ${change === 'deleted' ? 'lost' : 'gained'} a response while it was read`, async () => {
      const conn = t.handle.sqlite!;
      let done = false;
      const reading = extractWave(t.handle.db, waveId, {
        chunkRows: 60,
        onProgress: () => {
          if (done) return;
          done = true;
          if (change === 'deleted') conn.prepare('DELETE FROM responses WHERE id = (SELECT id FROM responses WHERE wave_id = ? ORDER BY id DESC LIMIT 1)').run(waveId);
          else {
            conn.prepare('CREATE TEMP TABLE copied AS SELECT * FROM responses WHERE wave_id = ? ORDER BY id LIMIT 1').run(waveId);
            conn.exec("UPDATE copied SET id = 'added-' || id; INSERT INTO responses SELECT * FROM copied; DROP TABLE copied;");
          }
        },
      });
      await expect(reading).rejects.toBeInstanceOf(ConflictError);
      expect(done).toBe(true);
    });
  }
});
