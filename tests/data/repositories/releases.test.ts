// The release ledger's repository on each dialect: releases and their groups round-trip,
// the ledger reads oldest first across the study's waves, a refusing check records
// nothing, and the ledger's tables go away with the migration.
import { NO_MIGRATIONS } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../../data/migrate.js';
import { getRelease, latestRelease, listReleases, readLedger, recordRelease, releaseGroups, type NewReleaseInput } from '../../../data/repositories/releases.js';
import { createStudy, createWave } from '../../../data/repositories/studies.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';

for (const dialect of DIALECTS) {
  describe(`release ledger repository (${dialect})`, () => {
    let t: TestDatabase;
    let studyId = '';
    let waveA = '';
    let waveB = '';
    const input = (waveId: string, over: Partial<NewReleaseInput> = {}): NewReleaseInput => ({
      studyId, waveId, k: 5, dataFingerprint: `fp-${waveId}`, runGeneratedOn: '2026-12-01T10:00:00.000Z', publishedOn: '2026-12-01',
      resultsJson: '{"study":{}}', withheld: ['E.x'], groups: [{ key: 'wave', n: 40 }, { key: 'org:A', n: 12 }], ...over,
    });

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const study = await createStudy(t.handle.db, { name: 'Ledger study' });
      studyId = study.id;
      waveA = (await createWave(t.handle.db, { studyId, name: 'A' })).id;
      waveB = (await createWave(t.handle.db, { studyId, name: 'B' })).id;
    });
    afterAll(async () => t?.destroy());

    it('records releases with their groups and reads the ledger back oldest first', async () => {
      const db = t.handle.db;
      const first = await recordRelease(db, input(waveA));
      const second = await recordRelease(db, input(waveB, { k: 6, withheld: [], groups: Array.from({ length: 1500 }, (_, i) => ({ key: `g${String(i).padStart(4, '0')}`, n: 5 + i })) }));
      const third = await recordRelease(db, input(waveA, { runGeneratedOn: '2026-12-02T10:00:00.000Z', k: 7 }));
      expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
      const ledger = await readLedger(db, studyId);
      expect(ledger.map((r) => r.releaseId)).toEqual([first.id, second.id, third.id]);
      expect(ledger[0]).toEqual({ releaseId: first.id, waveId: waveA, k: 5, dataFingerprint: `fp-${waveA}`, withheld: ['E.x'], groups: [{ key: 'org:A', n: 12 }, { key: 'wave', n: 40 }] });
      expect(ledger[1].groups).toHaveLength(1500);
      expect(ledger[1].groups[1499]).toEqual({ key: 'g1499', n: 1504 });
      expect((await latestRelease(db, waveA))?.id).toBe(third.id);
      expect(await latestRelease(db, 'no-such-wave')).toBeUndefined();
      expect((await listReleases(db, { waveId: waveA })).map((r) => r.id)).toEqual([third.id, first.id]);
      const full = await getRelease(db, third.id);
      expect(full).toMatchObject({ k: 7, results_json: '{"study":{}}', published_on: '2026-12-01' });
      expect(await releaseGroups(db, first.id)).toEqual([{ key: 'org:A', n: 12 }, { key: 'wave', n: 40 }]);
      await expect(getRelease(db, 'nope')).rejects.toThrow(/No release with id nope/);
    });

    it('lets the check see the ledger and the wave, and records nothing when it refuses', async () => {
      const db = t.handle.db;
      const before = (await readLedger(db, studyId)).length;
      let seen = -1;
      await expect(recordRelease(db, input(waveB), (state) => {
        seen = state.releases.length;
        expect(state.wave.id).toBe(waveB);
        throw new Error('refused by the check');
      })).rejects.toThrow('refused by the check');
      expect(seen).toBe(before);
      expect((await readLedger(db, studyId)).length).toBe(before);
      const groups = await db.selectFrom('release_groups').select('release_id').execute();
      expect(new Set(groups.map((g) => g.release_id)).size).toBe(before);
    });

    it('migrates the ledger down and up again', async () => {
      const migrator = createMigrator(t.handle.db);
      expect((await migrator.migrateTo('2026-11-29T00-00-00-response-id-unindexed')).error).toBeUndefined();
      const names = (await t.handle.db.introspection.getTables()).map((x) => x.name);
      expect(names).not.toContain('releases');
      expect(names).not.toContain('release_groups');
      await migrateToLatest(t.handle.db);
      expect((await t.handle.db.introspection.getTables()).map((x) => x.name)).toEqual(expect.arrayContaining(['releases', 'release_groups']));
      expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined();
      await migrateToLatest(t.handle.db);
    });
  });
}
