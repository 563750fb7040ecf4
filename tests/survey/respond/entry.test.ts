// resolveEntry on both dialects: the same answer whether SQLite takes its prepared-statement
// path or (inside a Kysely transaction, and on PostgreSQL) the Kysely query.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

    if (dialect === 'sqlite') {
      it('looks invites up through one prepared statement, without Kysely building a query per request', async () => {
        const build = vi.spyOn(t.handle.db, 'selectFrom');
        const prepare = vi.spyOn(t.handle.sqlite!, 'prepare');
        try {
          for (const code of fx.codes) expect((await resolveEntry(t.handle.db, TEST_SECRET, { kind: 'invite', code })).ok).toBe(true);
          expect(build).not.toHaveBeenCalled();
          expect(prepare).not.toHaveBeenCalled();
        } finally {
          build.mockRestore();
          prepare.mockRestore();
        }
      });
    }
  });
}
