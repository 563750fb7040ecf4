// The group-commit writer on each dialect: concurrent submissions share a transaction,
// a code claimed twice (in one batch or across batches) lets exactly one through, a bad
// row fails alone, and close() writes what is queued.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NewResponse } from '../../../data/database.js';
import { keyedHash, randomId } from '../../../data/ids.js';
import { createSubmissionWriter } from '../../../data/repositories/submissions.js';
import { toResponseRow } from '../../../survey/instrument/to-row.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';
import { seedSurvey, type SurveyFixture } from '../../survey/survey-fixture.js';

for (const dialect of DIALECTS) {
  describe(`submission writer (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    const row = (): NewResponse => toResponseRow({ role: 'organizer', tenure_years: 1, fte: 'full', race_decline: 1, gender: 'prefer_not', age_band: 'prefer_not', looking: 'no', stay_2y: 'yes' }, { id: randomId(), waveId: fx.waveId, organizationId: fx.organizationId, receivedOn: '2026-11-28', lang: 'en', source: 'api' });
    const count = async () => Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('wave_id', '=', fx.waveId).executeTakeFirstOrThrow()).n);
    const hash = (code: string) => keyedHash(TEST_SECRET, code);

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      fx = await seedSurvey(t.handle.db, { codes: 40 });
    });
    afterAll(async () => t.destroy());

    it('writes concurrent submissions, and of two with the same code exactly one succeeds', async () => {
      const writer = createSubmissionWriter(t.handle.db, { maxBatch: 8 });
      const jobs = fx.codes.slice(0, 20).map((code) => writer.submit({ row: row(), codeHash: hash(code) }));
      const dupes = [writer.submit({ row: row(), codeHash: hash(fx.codes[20]) }), writer.submit({ row: row(), codeHash: hash(fx.codes[20]) })];
      const results = await Promise.all([...jobs, ...dupes]);
      expect(results.slice(0, 20).every((r) => r.status === 'stored')).toBe(true);
      expect(dupes.length).toBe(2);
      expect(results.slice(20).map((r) => r.status).sort()).toEqual(['code_used', 'stored']);
      expect(await count()).toBe(21);
      const used = await t.handle.db.selectFrom('invites').select('code_hash').where('wave_id', '=', fx.waveId).where('used', '=', 1).execute();
      expect(used).toHaveLength(21);
      // A later batch cannot reuse a code either, and open-link rows need no code.
      expect(await writer.submit({ row: row(), codeHash: hash(fx.codes[0]) })).toEqual({ status: 'code_used' });
      expect((await writer.submit({ row: row() })).status).toBe('stored');
      await writer.close();
    });

    it('fails only the bad row of a batch, leaving its neighbours and their codes intact', async () => {
      const writer = createSubmissionWriter(t.handle.db);
      const before = await count();
      const bad = { ...row(), wave_id: 'no-such-wave' };
      const good = writer.submit({ row: row(), codeHash: hash(fx.codes[25]) });
      const failing = writer.submit({ row: bad, codeHash: hash(fx.codes[26]) });
      const good2 = writer.submit({ row: row(), codeHash: hash(fx.codes[27]) });
      await expect(failing).rejects.toThrow();
      expect((await good).status).toBe('stored');
      expect((await good2).status).toBe('stored');
      expect(await count()).toBe(before + 2);
      // The failed row's code was rolled back with it, so it can still be used.
      const unused = await t.handle.db.selectFrom('invites').select('used').where('code_hash', '=', hash(fx.codes[26])).executeTakeFirstOrThrow();
      expect(unused.used).toBe(0);
      await writer.close();
    });

    it('flushes queued submissions on close() and refuses new ones after', async () => {
      const writer = createSubmissionWriter(t.handle.db);
      const before = await count();
      const pending = [writer.submit({ row: row() }), writer.submit({ row: row() })];
      await writer.close();
      expect(await count()).toBe(before + 2);
      expect((await Promise.all(pending)).map((r) => r.status)).toEqual(['stored', 'stored']);
      await expect(writer.submit({ row: row() })).rejects.toThrow(/closed/);
    });

    it('never joins another open transaction: a submission stays when that transaction rolls back', async () => {
      const writer = createSubmissionWriter(t.handle.db);
      const before = await count();
      let submitted!: Promise<unknown>;
      await expect(t.handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('studies').values({ id: randomId(), name: 'rolled back', created_on: '2026-11-28' }).execute();
        submitted = writer.submit({ row: row(), codeHash: hash(fx.codes[30]) });
        // Give the writer its turn while this transaction is still open.
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      })).rejects.toThrow('roll back');
      expect(await submitted).toMatchObject({ status: 'stored' });
      expect(await count()).toBe(before + 1);
      const invite = await t.handle.db.selectFrom('invites').select('used').where('code_hash', '=', hash(fx.codes[30])).executeTakeFirstOrThrow();
      expect(invite.used).toBe(1);
      await writer.close();
    });

    if (dialect === 'sqlite') {
      it('prepares a repeated query once (statement cache) and writes a batch without Kysely compiling it', async () => {
        const conn = t.handle.sqlite!;
        const prepare = vi.spyOn(conn, 'prepare');
        try {
          const query = () => t.handle.db.selectFrom('invites').select(['revoked', 'organization_id']).where('code_hash', '=', hash(fx.codes[31])).executeTakeFirst();
          await query();
          await query();
          await query();
          expect(prepare.mock.calls.filter(([sql]) => /from "invites"/.test(sql))).toHaveLength(1);
          prepare.mockClear();
          const writer = createSubmissionWriter(t.handle.db);
          const results = await Promise.all(fx.codes.slice(32, 36).map((code) => writer.submit({ row: row(), codeHash: hash(code) })));
          expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
          // Two statements, prepared once for the writer's lifetime, for four submissions.
          expect(prepare.mock.calls.filter(([sql]) => /^(insert|update)/i.test(sql))).toHaveLength(2);
          await writer.close();
        } finally {
          prepare.mockRestore();
        }
      });
    }
  });
}
