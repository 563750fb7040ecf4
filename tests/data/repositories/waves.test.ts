// Opening and closing waves on both dialects: real calendar dates only, never closing
// before opening, and k fixed on opening — raised later, never lowered, never below 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWave, createStudy, createWave, findWave, getWave, openWave, raiseWaveK } from '../../../data/repositories/studies.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';

for (const dialect of DIALECTS) {
  describe(`waves (${dialect})`, () => {
    let t: TestDatabase;
    let studyId = '';
    const clock = () => new Date('2026-09-15T12:00:00Z');
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      studyId = (await createStudy(t.handle.db, { name: 'S' })).id;
    });
    afterAll(async () => t.destroy());

    it('opens a draft wave today by default, with its k, and refuses to open it twice', async () => {
      const w = await createWave(t.handle.db, { studyId, name: 'A', k: 4 });
      const opened = await openWave(t.handle.db, w.id, {}, clock);
      expect(opened).toMatchObject({ status: 'open', opens_on: '2026-09-15', k: 4 });
      expect(await getWave(t.handle.db, w.id)).toMatchObject({ status: 'open', opens_on: '2026-09-15' });
      await expect(openWave(t.handle.db, w.id)).rejects.toThrow(/already open/);
    });

    it('rejects impossible dates and a closing day before the opening day, changing nothing', async () => {
      const w = await createWave(t.handle.db, { studyId, name: 'B' });
      for (const [input, message] of [
        [{ opensOn: '2026-02-29' }, /"2026-02-29" is not a date/],
        [{ opensOn: '15/09/2026' }, /not a date: use YYYY-MM-DD/],
        [{ opensOn: '2026-09-10', closesOn: '2026-09-09' }, /would close \(2026-09-09\) before it opens \(2026-09-10\)/],
        [{ k: 2 }, /at least 3/],
      ] as const) {
        await expect(openWave(t.handle.db, w.id, input)).rejects.toThrow(message);
      }
      expect((await getWave(t.handle.db, w.id)).status).toBe('draft');
    });

    it('closes only an open wave, not before it opened; reopening keeps k from being lowered', async () => {
      const w = await createWave(t.handle.db, { studyId, name: 'C', k: 6 });
      await expect(closeWave(t.handle.db, w.id)).rejects.toThrow(/is draft, not open/);
      await openWave(t.handle.db, w.id, { opensOn: '2026-09-01' });
      await expect(closeWave(t.handle.db, w.id, { closesOn: '2026-08-31' })).rejects.toThrow(/before it opened/);
      expect(await closeWave(t.handle.db, w.id, {}, clock)).toMatchObject({ status: 'closed', closes_on: '2026-09-15' });
      await expect(openWave(t.handle.db, w.id, { k: 5 })).rejects.toThrow(/raised, never lowered/);
      expect(await openWave(t.handle.db, w.id, { k: 8 })).toMatchObject({ status: 'open', k: 8, closes_on: null, opens_on: '2026-09-01' });
    });

    it('raises k, never lowers it', async () => {
      const w = await findWave(t.handle.db, 'C', studyId);
      await expect(raiseWaveK(t.handle.db, w.id, 7)).rejects.toThrow(/k is 8 for this wave/);
      await expect(raiseWaveK(t.handle.db, w.id, 2.5)).rejects.toThrow(/whole number/);
      expect((await raiseWaveK(t.handle.db, w.id, 10)).k).toBe(10);
      expect((await getWave(t.handle.db, w.id)).k).toBe(10);
      await expect(findWave(t.handle.db, 'nope')).rejects.toThrow(/No wave with id or name "nope"/);
    });
  });
}
