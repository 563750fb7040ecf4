// Replays of a final submit on every write path, on each dialect, where their token hashes
// now live: an invite submission's in its invite row (written by the claim, never in
// submission_tokens), an open link's in submission_tokens. Each path must answer 'replayed'
// and store nothing for: a replay of a stored invite submission (also from a new writer, as
// after a restart), a replay in the same batch, two writers racing with the same token, a
// token stored before the migration (only in submission_tokens) replayed after it, and an
// open link replayed. And the column is read by nothing but the writer and the replay check.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash, randomId } from '../../../data/ids.js';
import { createMigrator, migrateToLatest } from '../../../data/migrate.js';
import { submissionTokenHash, tokenRecorded } from '../../../data/submissions/token.js';
import { createSubmissionWriter, type Destination, type ResponseBody, type SubmissionResult, type WritePath } from '../../../data/submissions/writer.js';
import { toResponseBody } from '../../../survey/respond/to-body.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';
import { seedSurvey, type SurveyFixture } from '../../survey/survey-fixture.js';

const DAY = '2026-11-28';
const PATHS: Record<TestDatabase['dialect'], WritePath[]> = {
  sqlite: ['sqlite-thread', 'kysely'],
  postgres: ['postgres-statement', 'kysely'],
};
const LAST_WITHOUT_INVITE_TOKENS = '2026-12-03T00-40-00-responses-keyed-by-wave-org';

const row = (): ResponseBody => toResponseBody({ role: 'organizer', looking: 'no', stay_2y: 'yes' }, { id: randomId(), receivedOn: DAY, lang: 'en', source: 'api' });
const codeHash = (code: string) => keyedHash(TEST_SECRET, code);
const invite = (code: string): Destination => ({ kind: 'invite', codeHash: codeHash(code), day: DAY });
const statuses = (results: SubmissionResult[]) => results.map((r) => (r.status === 'refused' ? `refused:${r.problem}` : r.status));

for (const dialect of DIALECTS) {
  describe(`token replays on every write path (${dialect})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
    });
    afterAll(async () => t.destroy());

    const db = () => t.handle.db;
    const responsesIn = async (fx: SurveyFixture) => (await db().selectFrom('responses').select('id').where('wave_id', '=', fx.waveId).execute()).length;
    const tokenRows = async () => Number((await db().selectFrom('submission_tokens').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    const rowToken = async (code: string) => (await db().selectFrom('invites').select('token_hash').where('code_hash', '=', codeHash(code)).executeTakeFirstOrThrow()).token_hash;
    // A token hash as the survey makes it: keyed, scoped to the code's hash.
    const tokenFor = (code: string, name: string) => submissionTokenHash(TEST_SECRET, `s:${codeHash(code)}`, name);

    for (const path of PATHS[dialect]) {
      it(`keeps an invite submission's token hash in its invite row, not in submission_tokens, and answers its replay 'replayed', also from a new writer (${path})`, async () => {
        const fx = await seedSurvey(db(), { codes: 2 });
        const tokensBefore = await tokenRows();
        const token = tokenFor(fx.codes[0], 'first');
        const writer = createSubmissionWriter(db(), { path });
        expect((await writer.submit({ row: row(), to: invite(fx.codes[0]), tokenHash: token })).status).toBe('stored');
        // A submission without a token claims its code and leaves the row's hash empty.
        expect((await writer.submit({ row: row(), to: invite(fx.codes[1]) })).status).toBe('stored');
        expect(await rowToken(fx.codes[0])).toBe(token);
        expect(await rowToken(fx.codes[1])).toBeNull();
        expect(await tokenRows()).toBe(tokensBefore);
        expect(await writer.submit({ row: row(), to: invite(fx.codes[0]), tokenHash: token })).toEqual({ status: 'replayed' });
        await writer.close();
        // As after a restart: a new writer (a new thread on SQLite) finds it in the row.
        const again = createSubmissionWriter(db(), { path });
        expect(await again.submit({ row: row(), to: invite(fx.codes[0]), tokenHash: token })).toEqual({ status: 'replayed' });
        // Another token on the used code, or none, is refused as used.
        expect(await again.submit({ row: row(), to: invite(fx.codes[0]), tokenHash: tokenFor(fx.codes[0], 'other') })).toEqual({ status: 'refused', problem: 'used' });
        expect(await again.submit({ row: row(), to: invite(fx.codes[0]) })).toEqual({ status: 'refused', problem: 'used' });
        await again.close();
        expect(await responsesIn(fx)).toBe(2);
        expect(await rowToken(fx.codes[0])).toBe(token);
        expect(await tokenRecorded(db(), token, codeHash(fx.codes[0]))).toBe(true);
        expect(await tokenRecorded(db(), tokenFor(fx.codes[0], 'other'), codeHash(fx.codes[0]))).toBe(false);
      });

      it(`answers replays within one batch: the first submission of a code takes it, its repeats are 'replayed', another token 'used' (${path})`, async () => {
        const fx = await seedSurvey(db(), { codes: 2 });
        const tokensBefore = await tokenRows();
        const writer = createSubmissionWriter(db(), { path });
        const open: Destination = { kind: 'known', waveId: fx.waveId, organizationId: fx.organizationId };
        const openToken = keyedHash(TEST_SECRET, `open-batch-${path}-${randomId()}`);
        const a = tokenFor(fx.codes[0], 'a');
        // Submitted in one tick: one batch, one transaction.
        const results = await Promise.all([
          writer.submit({ row: row(), to: invite(fx.codes[0]), tokenHash: a }),
          writer.submit({ row: row(), to: invite(fx.codes[0]), tokenHash: a }),
          writer.submit({ row: row(), to: invite(fx.codes[0]), tokenHash: tokenFor(fx.codes[0], 'b') }),
          writer.submit({ row: row(), to: invite(fx.codes[1]) }),
          writer.submit({ row: row(), to: open, tokenHash: openToken }),
          writer.submit({ row: row(), to: open, tokenHash: openToken }),
          writer.submit({ row: row(), to: invite(fx.codes[0]), tokenHash: a }),
        ]);
        await writer.close();
        expect(statuses(results)).toEqual(['stored', 'replayed', 'refused:used', 'stored', 'stored', 'replayed', 'replayed']);
        expect(await rowToken(fx.codes[0])).toBe(a);
        expect(await responsesIn(fx)).toBe(3);
        // Only the open link's token went to submission_tokens.
        expect(await tokenRows()).toBe(tokensBefore + 1);
      });

      it(`stores an open link's submission once, sent 20 times at once and again from a new writer (${path})`, async () => {
        const fx = await seedSurvey(db(), { codes: 0 });
        const open: Destination = { kind: 'known', waveId: fx.waveId, organizationId: fx.organizationId };
        const token = keyedHash(TEST_SECRET, `open-${path}-${randomId()}`);
        const writer = createSubmissionWriter(db(), { path, maxBatch: 4 });
        const results = await Promise.all(Array.from({ length: 20 }, () => writer.submit({ row: row(), to: open, tokenHash: token })));
        await writer.close();
        expect(statuses(results).sort()).toEqual([...Array(19).fill('replayed'), 'stored']);
        const again = createSubmissionWriter(db(), { path });
        expect(await again.submit({ row: row(), to: open, tokenHash: token })).toEqual({ status: 'replayed' });
        await again.close();
        expect(await responsesIn(fx)).toBe(1);
        expect(await tokenRecorded(db(), token)).toBe(true);
      });

      it(`lets exactly one of two writers racing with the same code and token store it, the other hearing 'replayed' (${path})`, async () => {
        const fx = await seedSurvey(db(), { codes: 8 });
        const writers = [createSubmissionWriter(db(), { path }), createSubmissionWriter(db(), { path })];
        // Every code sent by both writers at once, with the same token: a replay racing its original.
        const results = await Promise.all(fx.codes.flatMap((code) => writers.map((w) => w.submit({ row: row(), to: invite(code), tokenHash: tokenFor(code, 'race') }))));
        await Promise.all(writers.map((w) => w.close()));
        for (let i = 0; i < results.length; i += 2) expect(statuses([results[i], results[i + 1]]).sort()).toEqual(['replayed', 'stored']);
        expect(await responsesIn(fx)).toBe(8);
        for (const code of fx.codes) expect(await rowToken(code)).toBe(tokenFor(code, 'race'));
      });
    }
  });

  describe(`a token stored before invites held token hashes (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    const oldToken = (code: string) => submissionTokenHash(TEST_SECRET, `s:${codeHash(code)}`, 'before the migration');
    beforeAll(async () => {
      t = await createTestDatabase(dialect, { migrate: false });
      expect((await createMigrator(t.handle.db).migrateTo(LAST_WITHOUT_INVITE_TOKENS)).error).toBeUndefined();
      fx = await seedSurvey(t.handle.db, { codes: 3 });
      // What the writer wrote then, in one transaction: the code used, the token in submission_tokens, the response.
      for (const code of fx.codes) {
        await t.handle.db.updateTable('invites').set({ used: 1 }).where('code_hash', '=', codeHash(code)).execute();
        await t.handle.db.insertInto('submission_tokens').values({ token_hash: oldToken(code) }).execute();
        await t.handle.db.insertInto('responses').values({ id: randomId(), wave_id: fx.waveId, organization_id: fx.organizationId, received_on: DAY, instrument_version: 'v1', lang: 'en', source: 'api' }).execute();
      }
      await migrateToLatest(t.handle.db);
    });
    afterAll(async () => t.destroy());

    it('leaves the used invites without a token hash after migrating', async () => {
      const rows = await t.handle.db.selectFrom('invites').select(['used', 'token_hash']).where('wave_id', '=', fx.waveId).execute();
      expect(rows).toEqual(Array(3).fill({ used: 1, token_hash: null }));
    });

    PATHS[dialect].forEach((path, i) => {
      it(`answers its replay 'replayed' and another token 'used', storing nothing (${path})`, async () => {
        const code = fx.codes[i];
        const writer = createSubmissionWriter(t.handle.db, { path });
        const results = await Promise.all([
          writer.submit({ row: row(), to: invite(code), tokenHash: oldToken(code) }),
          writer.submit({ row: row(), to: invite(code), tokenHash: submissionTokenHash(TEST_SECRET, `s:${codeHash(code)}`, 'a new one') }),
        ]);
        expect(statuses(results)).toEqual(['replayed', 'refused:used']);
        // Alone, from a new writer, it is still a replay.
        await writer.close();
        const again = createSubmissionWriter(t.handle.db, { path });
        expect(await again.submit({ row: row(), to: invite(code), tokenHash: oldToken(code) })).toEqual({ status: 'replayed' });
        await again.close();
        expect((await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', fx.waveId).execute()).length).toBe(3);
        expect(await tokenRecorded(t.handle.db, oldToken(code), codeHash(code))).toBe(true);
        // The row is left as it was: nothing was claimed.
        expect((await t.handle.db.selectFrom('invites').select('token_hash').where('code_hash', '=', codeHash(code)).executeTakeFirstOrThrow()).token_hash).toBeNull();
      });
    });
  });
}

describe('invites.token_hash is read by the writer and the replay check alone', () => {
  const root = path.resolve(import.meta.dirname, '../../..');
  const product = ['data', 'survey', 'exchange', 'pipeline', 'reports', 'cli', 'instrument'];
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ts|tsx|mjs)$/.test(e.name) ? [path.join(dir, e.name)] : []));
  const sources = product.flatMap((d) => (fs.existsSync(path.join(root, d)) ? files(path.join(root, d)) : [])).map((f) => ({ file: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));

  it('no product module selects every column of invites (which would carry the hash out)', () => {
    const whole = sources.filter((s) => /selectFrom\(\s*'invites'\s*\)[\s\S]{0,80}?\.selectAll\(\s*\)|selectAll\(\s*'invites'\s*\)|invites\.\*/.test(s.text)).map((s) => s.file);
    expect(whole).toEqual([]);
  });

  it('names token_hash only in the writer, the replay check, the schema and the tables with tokens of their own', () => {
    const naming = sources.filter((s) => s.text.includes('token_hash')).map((s) => s.file).sort();
    // admin_tokens and org_links have a token_hash of their own (their keyed credentials).
    expect(naming).toEqual([
      'data/database.ts',
      'data/migrations/2026-11-28T00-00-00-initial.ts',
      'data/migrations/2026-12-03T00-20-00-submission-tokens.ts',
      'data/migrations/2026-12-03T00-50-00-invite-token-hash.ts',
      'data/repositories/admin-tokens.ts',
      'data/repositories/links.ts',
      'data/submissions/invite-rule.ts',
      'data/submissions/kysely-batch.ts',
      'data/submissions/postgres-batch.ts',
      'data/submissions/sqlite-thread.ts',
      'data/submissions/sqlite-thread.worker.mjs',
      'data/submissions/token.ts',
    ]);
  });
});
