// The group-commit writer on each dialect: concurrent submissions share a transaction,
// a code claimed twice (in one batch or across batches) lets exactly one through, a code
// that may not be answered is refused with the reason (on the prepared-statement path and
// the Kysely path alike), a bad row fails alone, and close() writes what is queued.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keyedHash, randomId } from '../../../data/ids.js';
import { revokeUnusedInvites } from '../../../data/repositories/invites.js';
import { closeWave } from '../../../data/repositories/studies.js';
import { createSubmissionWriter, type Destination, type ResponseBody, type WritePath } from '../../../data/submissions/writer.js';
import { toResponseBody } from '../../../survey/respond/to-body.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';
import { seedSurvey, type SurveyFixture } from '../../survey/survey-fixture.js';

for (const dialect of DIALECTS) {
  describe(`submission writer (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    const DAY = '2026-11-28';
    const row = (): ResponseBody => toResponseBody({ role: 'organizer', tenure_years: 1, fte: 'full', race_decline: 1, gender: 'prefer_not', age_band: 'prefer_not', looking: 'no', stay_2y: 'yes' }, { id: randomId(), receivedOn: DAY, lang: 'en', source: 'api' });
    const count = async () => Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('wave_id', '=', fx.waveId).executeTakeFirstOrThrow()).n);
    const hash = (code: string) => keyedHash(TEST_SECRET, code);
    const invite = (code: string, day = DAY): Destination => ({ kind: 'invite', codeHash: hash(code), day });
    const known = (): Destination => ({ kind: 'known', waveId: fx.waveId, organizationId: fx.organizationId });

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      fx = await seedSurvey(t.handle.db, { codes: 40 });
    });
    afterAll(async () => t.destroy());

    it('writes concurrent submissions, and of two with the same code exactly one succeeds', async () => {
      const writer = createSubmissionWriter(t.handle.db, { maxBatch: 8 });
      const jobs = fx.codes.slice(0, 20).map((code) => writer.submit({ row: row(), to: invite(code) }));
      const dupes = [writer.submit({ row: row(), to: invite(fx.codes[20]) }), writer.submit({ row: row(), to: invite(fx.codes[20]) })];
      const results = await Promise.all([...jobs, ...dupes]);
      expect(results.slice(0, 20).every((r) => r.status === 'stored')).toBe(true);
      expect(dupes.length).toBe(2);
      expect(results.slice(20).sort((a, b) => a.status.localeCompare(b.status))).toEqual([{ status: 'refused', problem: 'used' }, { status: 'stored', id: expect.any(String) }]);
      expect(await count()).toBe(21);
      const used = await t.handle.db.selectFrom('invites').select('code_hash').where('wave_id', '=', fx.waveId).where('used', '=', 1).execute();
      expect(used).toHaveLength(21);
      // A later batch cannot reuse a code either, and open-link rows need no code.
      expect(await writer.submit({ row: row(), to: invite(fx.codes[0]) })).toEqual({ status: 'refused', problem: 'used' });
      expect((await writer.submit({ row: row(), to: known() })).status).toBe('stored');
      await writer.close();
    });

    const paths: WritePath[] = dialect === 'sqlite' ? ['sqlite-thread', 'kysely'] : ['postgres-statement', 'kysely'];
    for (const path of paths) {
      it(`fails only the bad row of a batch, leaving its neighbours and their codes intact (${path})`, async () => {
        const other = await seedSurvey(t.handle.db, { codes: 3 });
        const writer = createSubmissionWriter(t.handle.db, { path });
        const inWave = async () => (await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', other.waveId).execute()).length;
        // No day received: the NOT NULL constraint refuses the row inside the batch's transaction.
        const broken = row();
        const bad = { id: broken.id, json: JSON.stringify({ ...JSON.parse(broken.json), received_on: null }) };
        const good = writer.submit({ row: row(), to: invite(other.codes[0]) });
        const failing = writer.submit({ row: bad, to: invite(other.codes[1]) });
        const good2 = writer.submit({ row: row(), to: invite(other.codes[2]) });
        await expect(failing).rejects.toThrow(/NOT NULL|null value/i);
        expect((await good).status).toBe('stored');
        expect((await good2).status).toBe('stored');
        expect(await inWave()).toBe(2);
        // The failed row's code was rolled back with it, so it can still be used.
        const unused = await t.handle.db.selectFrom('invites').select('used').where('code_hash', '=', hash(other.codes[1])).executeTakeFirstOrThrow();
        expect(unused.used).toBe(0);
        await writer.close();
      });
    }

    it('flushes queued submissions on close() and refuses new ones after', async () => {
      const writer = createSubmissionWriter(t.handle.db);
      const before = await count();
      const pending = [writer.submit({ row: row(), to: known() }), writer.submit({ row: row(), to: known() })];
      await writer.close();
      expect(await count()).toBe(before + 2);
      expect((await Promise.all(pending)).map((r) => r.status)).toEqual(['stored', 'stored']);
      await expect(writer.submit({ row: row(), to: known() })).rejects.toThrow(/closed/);
    });

    it('never joins another open transaction: a submission stays when that transaction rolls back', async () => {
      const writer = createSubmissionWriter(t.handle.db);
      const before = await count();
      let submitted!: Promise<unknown>;
      await expect(t.handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('studies').values({ id: randomId(), name: 'rolled back', created_on: '2026-11-28' }).execute();
        submitted = writer.submit({ row: row(), to: invite(fx.codes[30]) });
        // Give the writer its turn while this transaction is still open.
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      })).rejects.toThrow('roll back');
      expect(await submitted).toMatchObject({ status: 'stored' });
      expect(await count()).toBe(before + 1);
      const marked = await t.handle.db.selectFrom('invites').select('used').where('code_hash', '=', hash(fx.codes[30])).executeTakeFirstOrThrow();
      expect(marked.used).toBe(1);
      await writer.close();
    });

    for (const path of paths) {
      it(`refuses, with the reason, a code that may not be answered, storing nothing for it (${path})`, async () => {
        const other = await seedSurvey(t.handle.db, { codes: 6, closesOn: '2030-12-31' });
        // The general Kysely transaction serves SQLite in memory; it must agree with the fast paths.
        const writer = createSubmissionWriter(t.handle.db, { path });
        const submit = (to: Destination) => writer.submit({ row: row(), to });
        expect((await submit(invite(other.codes[0]))).status).toBe('stored');
        const results = await Promise.all([
          submit(invite('NOSUCHCODE99')),
          submit(invite(other.codes[0])),
          submit(invite(other.codes[1], '2031-01-01')),
        ]);
        expect(results).toEqual([
          { status: 'refused', problem: 'unknown' },
          { status: 'refused', problem: 'used' },
          { status: 'refused', problem: 'closed' },
        ]);
        await revokeUnusedInvites(t.handle.db, other.waveId, other.organizationId);
        expect(await writer.submit({ row: row(), to: invite(other.codes[2]) })).toEqual({ status: 'refused', problem: 'revoked' });
        await writer.close();
        const stored = await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', other.waveId).execute();
        expect(stored).toHaveLength(1);
      });
    }

    for (const path of paths) {
      it(`stores a submission once whatever number of times its token is sent: in one batch, across batches, after a restart (${path})`, async () => {
        const other = await seedSurvey(t.handle.db, { codes: 3, closesOn: '2030-12-31' });
        const inWave = async () => (await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', other.waveId).execute()).length;
        const open: Destination = { kind: 'known', waveId: other.waveId, organizationId: other.organizationId };
        const code = invite(other.codes[0]);
        const tokenHash = (name: string) => keyedHash(TEST_SECRET, `${path}:${name}`);
        const writer = createSubmissionWriter(t.handle.db, { path, maxBatch: 4 });
        const twenty = (to: Destination, token: string) => Promise.all(Array.from({ length: 20 }, () => writer.submit({ row: row(), to, tokenHash: tokenHash(token) })));
        const statuses = (results: { status: string }[]) => results.map((r) => r.status).sort();
        const once = ['replayed', ...Array(19).fill('replayed'), 'stored'].slice(1);
        expect(statuses(await twenty(open, 'open'))).toEqual(once);
        expect(statuses(await twenty(code, 'invite'))).toEqual(once);
        expect(await inWave()).toBe(2);
        await writer.close();
        // A new writer (a new thread on SQLite) after a restart knows the tokens from the database.
        const again = createSubmissionWriter(t.handle.db, { path });
        expect(await again.submit({ row: row(), to: open, tokenHash: tokenHash('open') })).toEqual({ status: 'replayed' });
        expect(await again.submit({ row: row(), to: code, tokenHash: tokenHash('invite') })).toEqual({ status: 'replayed' });
        // A refused submission records no token: once its reason is gone, it can be stored.
        expect(await again.submit({ row: row(), to: invite(other.codes[1], '2031-01-01'), tokenHash: tokenHash('late') })).toEqual({ status: 'refused', problem: 'closed' });
        expect((await again.submit({ row: row(), to: invite(other.codes[1]), tokenHash: tokenHash('late') })).status).toBe('stored');
        // Another token on a used code is refused as used, not taken for a replay.
        expect(await again.submit({ row: row(), to: code, tokenHash: tokenHash('other') })).toEqual({ status: 'refused', problem: 'used' });
        await again.close();
        expect(await inWave()).toBe(3);
      });
    }

    it('lets exactly one of two writers racing for the same token store it (open link and code)', async () => {
      const other = await seedSurvey(t.handle.db, { codes: 1 });
      const writers = [createSubmissionWriter(t.handle.db), createSubmissionWriter(t.handle.db)];
      const open: Destination = { kind: 'known', waveId: other.waveId, organizationId: other.organizationId };
      const results = await Promise.all([
        ...writers.map((w) => w.submit({ row: row(), to: open, tokenHash: keyedHash(TEST_SECRET, 'race-open') })),
        ...writers.map((w) => w.submit({ row: row(), to: invite(other.codes[0]), tokenHash: keyedHash(TEST_SECRET, 'race-code') })),
      ]);
      expect([results[0].status, results[1].status].sort()).toEqual(['replayed', 'stored']);
      expect([results[2].status, results[3].status].sort()).toEqual(['replayed', 'stored']);
      await Promise.all(writers.map((w) => w.close()));
      expect((await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', other.waveId).execute()).length).toBe(2);
    });

    it('lets exactly one of two writers racing for the same code store it', async () => {
      const other = await seedSurvey(t.handle.db, { codes: 3 });
      const writers = [createSubmissionWriter(t.handle.db), createSubmissionWriter(t.handle.db)];
      const results = await Promise.all(other.codes.flatMap((code) => writers.map((w) => w.submit({ row: row(), to: invite(code) }))));
      for (let i = 0; i < results.length; i += 2) {
        expect([results[i].status, results[i + 1].status].sort()).toEqual(['refused', 'stored']);
      }
      expect(results.filter((r) => r.status === 'refused')).toEqual(Array(3).fill({ status: 'refused', problem: 'used' }));
      await Promise.all(writers.map((w) => w.close()));
      const stored = await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', other.waveId).execute();
      expect(stored).toHaveLength(3);
    });

    it('refuses a code whose wave was closed after the survey was opened, even on its last page', async () => {
      const other = await seedSurvey(t.handle.db, { codes: 2 });
      const writer = createSubmissionWriter(t.handle.db);
      await closeWave(t.handle.db, other.waveId);
      expect(await writer.submit({ row: row(), to: invite(other.codes[0]) })).toEqual({ status: 'refused', problem: 'closed' });
      const still = await t.handle.db.selectFrom('invites').select('used').where('code_hash', '=', hash(other.codes[0])).executeTakeFirstOrThrow();
      expect(still.used).toBe(0);
      await writer.close();
    });

    if (dialect === 'sqlite') {
      it('writes a SQLite file on its own thread: the main connection prepares nothing for a batch', async () => {
        const conn = t.handle.sqlite!;
        const prepare = vi.spyOn(conn, 'prepare');
        try {
          const writer = createSubmissionWriter(t.handle.db);
          const results = await Promise.all(fx.codes.slice(32, 36).map((code) => writer.submit({ row: row(), to: invite(code) })));
          expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
          expect(prepare).not.toHaveBeenCalled();
          // Acknowledged means committed: the main connection sees all four at once.
          const stored = await t.handle.db.selectFrom('invites').select('used').where('code_hash', 'in', fx.codes.slice(32, 36).map(hash)).execute();
          expect(stored.map((r) => r.used)).toEqual([1, 1, 1, 1]);
          await writer.close();
        } finally {
          prepare.mockRestore();
        }
      });

      it('after close() refuses new submissions, and a new writer (a new thread) carries on', async () => {
        const writer = createSubmissionWriter(t.handle.db);
        expect((await writer.submit({ row: row(), to: invite(fx.codes[36]) })).status).toBe('stored');
        await writer.close();
        await expect(writer.submit({ row: row(), to: invite(fx.codes[37]) })).rejects.toThrow(/closed/);
        const again = createSubmissionWriter(t.handle.db);
        expect((await again.submit({ row: row(), to: invite(fx.codes[37]) })).status).toBe('stored');
        await again.close();
      });
    }
  });
}
