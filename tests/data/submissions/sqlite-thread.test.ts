// The SQLite writer thread on its own: a thread that cannot open its database rejects the
// batch with the reason (nothing is written, the caller hears why), and the next batch starts
// a fresh thread; a batch whose transaction fails is rejected with the reason and leaves
// nothing behind (writer.ts then retries its rows alone), and so are batches that arrived
// together and shared its transaction; a claimed code is stored once and
// a refused one comes back with its invite row; its checkpoint thread copies the log after
// commits; close() lets batches in flight finish.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SQLITE_PRAGMAS } from '../../../data/connect.js';
import { keyedHash, randomId } from '../../../data/ids.js';
import { SqliteWriterThread, SqliteWriteError, writerSetup, type WireSubmission } from '../../../data/submissions/sqlite-thread.js';
import { toResponseBody } from '../../../survey/respond/to-body.js';
import { createTestDatabase, tempDir, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';
import { seedSurvey, type SurveyFixture } from '../../survey/survey-fixture.js';

const DAY = '2026-11-28';

describe('SQLite writer thread', () => {
  let t: TestDatabase;
  let fx: SurveyFixture;
  const json = () => toResponseBody({ role: 'organizer', tenure_years: 1, fte: 'full', race_decline: 1, gender: 'prefer_not', age_band: 'prefer_not', looking: 'no', stay_2y: 'yes' }, { id: randomId(), receivedOn: DAY, lang: 'en', source: 'api' }).json;
  const known = (): WireSubmission => ({ json: json(), waveId: fx.waveId, organizationId: fx.organizationId });
  const invite = (code: string): WireSubmission => ({ json: json(), codeHash: keyedHash(TEST_SECRET, code), day: DAY });
  const idOf = (s: WireSubmission) => (JSON.parse(s.json) as { id: string }).id;
  const storedIds = async (ids: string[]) => (await t.handle.db.selectFrom('responses').select('id').where('id', 'in', ids).execute()).map((r) => r.id);

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    fx = await seedSurvey(t.handle.db, { codes: 4 });
  });
  afterAll(async () => t.destroy());

  it('rejects with the reason when the thread cannot open its database, then starts afresh', async () => {
    const missing = path.join(tempDir(), 'no-such-folder', 'x.db');
    const thread = new SqliteWriterThread(writerSetup(missing, SQLITE_PRAGMAS));
    const error = await thread.write([known()]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteWriteError);
    expect((error as Error).message).toMatch(/writer thread failed: .*(directory|open)/i);
    // The failed thread is gone; the next batch tries a new one (and fails the same way, not by hanging).
    await expect(thread.write([known()])).rejects.toThrow(SqliteWriteError);
  });

  it('rejects a batch whose transaction fails with the reason, and leaves nothing of it behind', async () => {
    const thread = new SqliteWriterThread(writerSetup(t.url, SQLITE_PRAGMAS));
    const good = invite(fx.codes[0]);
    // No day received: the INSERT fails its NOT NULL constraint, in the transaction that wrote `good`.
    const bad = { ...known(), json: JSON.stringify({ ...JSON.parse(json()), received_on: null }) };
    const error = await thread.write([good, bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteWriteError);
    expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL', message: expect.stringMatching(/NOT NULL/) });
    expect(await storedIds([idOf(good), idOf(bad)])).toEqual([]);
    const code = await t.handle.db.selectFrom('invites').select('used').where('code_hash', '=', keyedHash(TEST_SECRET, fx.codes[0])).executeTakeFirstOrThrow();
    expect(code.used).toBe(0);
    await thread.close();
  });

  it('writes batches that arrive together in one transaction: one bad row rejects them all, writing none', async () => {
    const thread = new SqliteWriterThread(writerSetup(t.url, SQLITE_PRAGMAS));
    const good = known();
    const bad = { ...known(), json: JSON.stringify({ ...JSON.parse(json()), received_on: null }) };
    // Sent to a thread still starting: both are waiting by the time it takes messages.
    const outcomes = await Promise.allSettled([thread.write([good]), thread.write([bad])]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await storedIds([idOf(good), idOf(bad)])).toEqual([]);
    // Alone, the good batch is written.
    expect(await thread.write([good])).toEqual([null]);
    await thread.close();
  });

  it('claims a code once, and answers a refused one with its invite row (none for an unknown code)', async () => {
    const thread = new SqliteWriterThread(writerSetup(t.url, SQLITE_PRAGMAS));
    const first = invite(fx.codes[1]);
    const results = await thread.write([first, invite(fx.codes[1]), invite('NOSUCHCODE99'), known()]);
    expect(results).toEqual([
      null,
      { refused: expect.objectContaining({ wave_id: fx.waveId, organization_id: fx.organizationId, used: 1, revoked: 0, status: 'open' }) },
      { refused: null },
      null,
    ]);
    const row = await t.handle.db.selectFrom('responses').select(['wave_id', 'organization_id']).where('id', '=', idOf(first)).executeTakeFirstOrThrow();
    expect(row).toEqual({ wave_id: fx.waveId, organization_id: fx.organizationId });
    await thread.close();
  });

  it('has its log copied into the database file by the checkpoint thread after commits', async () => {
    const thread = new SqliteWriterThread(writerSetup(t.url, SQLITE_PRAGMAS));
    expect(thread.checkpoints).toBe(0);
    // Batches one after another, each committed before the next is sent.
    for (let i = 0; i < 5; i++) expect(await thread.write([known(), known()])).toEqual([null, null]);
    await vi.waitFor(() => expect(thread.checkpoints).toBeGreaterThan(0), { timeout: 5000, interval: 10 });
    await thread.close();
  });

  it('lets the batches in flight finish on close(), and starts a new thread for a later batch', async () => {
    const thread = new SqliteWriterThread(writerSetup(t.url, SQLITE_PRAGMAS));
    const batches = [[invite(fx.codes[2])], [known(), known()]];
    const writing = batches.map((b) => thread.write(b));
    await thread.close();
    expect(await Promise.all(writing)).toEqual([[null], [null, null]]);
    expect(await storedIds(batches.flat().map(idOf))).toHaveLength(3);
    const later = invite(fx.codes[3]);
    expect(await thread.write([later])).toEqual([null]);
    expect(await storedIds([idOf(later)])).toHaveLength(1);
    await thread.close();
  });
});
