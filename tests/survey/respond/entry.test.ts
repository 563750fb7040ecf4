// resolveEntry on both dialects: the same answer outside and inside a Kysely transaction,
// which sees its own uncommitted changes and no other lookup does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveEntry } from '../../../survey/respond/entry.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';
import { seedSurvey, type SurveyFixture } from '../survey-fixture.js';

for (const dialect of DIALECTS) {
  describe(`resolveEntry (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      fx = await seedSurvey(t.handle.db, { codes: 3 });
    });
    afterAll(async () => t.destroy());

    it('answers the same directly and inside a transaction, for a good and an unknown code', async () => {
      const good = await resolveEntry(t.handle.db, TEST_SECRET, { kind: 'invite', code: fx.codes[0] });
      expect(good).toMatchObject({ ok: true, entry: { waveId: fx.waveId, organizationId: fx.organizationId } });
      expect(await resolveEntry(t.handle.db, TEST_SECRET, { kind: 'invite', code: 'ZZZZZZZZZZZZ' })).toEqual({ ok: false, problem: 'unknown' });
      await t.handle.db.transaction().execute(async (trx) => {
        // Uncommitted and then rolled back: a lookup outside this transaction must not see it.
        await trx.updateTable('invites').set({ revoked: 1 }).execute();
        expect(await resolveEntry(trx, TEST_SECRET, { kind: 'invite', code: fx.codes[0] })).toEqual({ ok: false, problem: 'revoked' });
        throw new Error('roll back');
      }).catch((err: Error) => expect(err.message).toBe('roll back'));
      expect(await resolveEntry(t.handle.db, TEST_SECRET, { kind: 'invite', code: fx.codes[0] })).toEqual(good);
    });
  });
}
