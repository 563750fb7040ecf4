// On a SQLite file, extract reads its chunks on reader threads: the wave it returns must be
// the one the inline read returns, byte for byte (the fingerprint hashes every column), with
// any chunk size, and the same as on the layout before
// responses were keyed by (wave, organization, id); a response deleted or added mid-read in
// an organization already read, by this connection or another, must still stop the run,
// while one in an organization not yet read is simply read. That the
// threads, not this thread, read the chunks when asked is tested where they live
// (tests/data/readers/wave-responses.test.ts).
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteConnectionOf } from '../../data/connect.js';
import { ConflictError } from '../../data/errors.js';
import { createMigrator, migrateToLatest } from '../../data/migrate.js';
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

  it('gives the same wave as reading inline, with one thread or two, in small chunks or one', async () => {
    const inline = await extractWave(t.handle.db, waveId, { readers: 0, chunkRows: 60 });
    for (const options of [{ readers: 1, chunkRows: 60 }, { readers: 2, chunkRows: 60 }, { readers: 0, chunkRows: 100_000 }, { chunkRows: 60 }]) {
      let chunks = 0;
      const other = await extractWave(t.handle.db, waveId, { ...options, onProgress: () => chunks++ });
      expect(chunks).toBeGreaterThanOrEqual(options.chunkRows === 60 ? 4 : 1);
      expect(other.fingerprint).toBe(inline.fingerprint);
      expect(other.n).toBe(inline.n);
      expect(other.invalidAnswers).toBe(inline.invalidAnswers);
      expect(other.instrumentVersions).toEqual(inline.instrumentVersions);
      expect(Array.from(other.org)).toEqual(Array.from(inline.org));
      expect(Array.from(other.tenure)).toEqual(Array.from(inline.tenure));
      for (const item of Object.keys(inline.items)) expect(Array.from(other.items[item]), item).toEqual(Array.from(inline.items[item]));
    }
  });

  // The organization changed is the first one read, so only the check after the read can see
  // it; the change comes through this connection or another (a writer thread, another process).
  for (const by of ['this connection', 'another connection'] as const) {
    for (const change of ['deleted', 'added'] as const) {
      it(`refuses a wave whose first organization ${change === 'deleted' ? 'lost' : 'gained'} a response, through ${by}, after the threads read it`, async () => {
        const conn = by === 'this connection' ? t.handle.sqlite! : new SQLite(sqliteConnectionOf(t.handle.db)!.name);
        let done = false;
        try {
          const reading = extractWave(t.handle.db, waveId, {
            readers: 2,
            chunkRows: 60,
            onProgress: () => {
              if (done) return;
              done = true;
              const first = 'SELECT id FROM responses WHERE wave_id = ? ORDER BY organization_id, id LIMIT 1';
              if (change === 'deleted') conn.prepare(`DELETE FROM responses WHERE id = (${first})`).run(waveId);
              else {
                conn.prepare(`CREATE TEMP TABLE copied AS SELECT * FROM responses WHERE id = (${first})`).run(waveId);
                conn.exec("UPDATE copied SET id = 'added-' || id; INSERT INTO responses SELECT * FROM copied; DROP TABLE copied;");
              }
            },
          });
          await expect(reading).rejects.toBeInstanceOf(ConflictError);
          expect(done).toBe(true);
        } finally {
          if (conn !== t.handle.sqlite) conn.close();
        }
      });
    }
  }
});

describe('extract while an organization not yet read changes (SQLite file)', () => {
  // Each organization is read with its count, so one that changes before it is read is read
  // as it then is: the wave returned is the wave as it stands once the read ends.
  it('reads the change, and returns the wave a later read returns', async () => {
    const t = await createTestDatabase('sqlite');
    try {
      await writeSyntheticStudy(t.handle.db, { orgs: 30, staffMin: 5, staffMax: 40, seed: 23 });
      const waveId = (await t.handle.db.selectFrom('waves').select('id').executeTakeFirstOrThrow()).id;
      const before = await extractWave(t.handle.db, waveId, { readers: 0, chunkRows: 60 });
      let done = false;
      const during = await extractWave(t.handle.db, waveId, {
        readers: 0,
        chunkRows: 60,
        onProgress: () => {
          if (done) return;
          done = true;
          const last = 'SELECT id FROM responses WHERE wave_id = ? ORDER BY organization_id DESC, id LIMIT 1';
          t.handle.sqlite!.prepare(`DELETE FROM responses WHERE id = (${last})`).run(waveId);
        },
      });
      expect(done).toBe(true);
      expect(during.n).toBe(before.n - 1);
      const after = await extractWave(t.handle.db, waveId);
      expect(during.fingerprint).toBe(after.fingerprint);
      expect(during.fingerprint).not.toBe(before.fingerprint);
    } finally {
      await t.destroy();
    }
  });
});

describe('extract across the change of key of responses (SQLite file)', () => {
  it('gives the same wave on the layout keyed by id with its (wave, organization) index as on the one keyed by (wave, organization, id)', async () => {
    const t = await createTestDatabase('sqlite', { migrate: false });
    try {
      expect((await createMigrator(t.handle.db).migrateTo('2026-12-03T00-30-00-admin-sessions-and-time-zone')).error).toBeUndefined();
      const { waveId: wave } = await writeSyntheticStudy(t.handle.db, { orgs: 12, staffMin: 5, staffMax: 30, seed: 9 });
      const before = await extractWave(t.handle.db, wave, { chunkRows: 50 });
      await migrateToLatest(t.handle.db);
      const after = await extractWave(t.handle.db, wave, { chunkRows: 50 });
      expect(after.n).toBe(before.n);
      expect(after.fingerprint).toBe(before.fingerprint);
    } finally {
      await t.destroy();
    }
  });
});
