// The invite rule is written once in SQL (every write path's claim is made from it) and once
// in TypeScript (the survey pages' check): one table of cases, run against every write path
// on each dialect and against the TypeScript function, which must all agree with the table.
// A claim also records its submission's token hash in the invite row, and nothing else changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WaveStatus } from '../../../data/database.js';
import { keyedHash, randomId } from '../../../data/ids.js';
import { createOrganizations } from '../../../data/repositories/organizations.js';
import { createStudy } from '../../../data/repositories/studies.js';
import { inviteProblem, selectInviteGates, selectRefusals, type EntryProblem } from '../../../data/submissions/invite-rule.js';
import { createSubmissionWriter, type WritePath } from '../../../data/submissions/writer.js';
import { toResponseBody } from '../../../survey/respond/to-body.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';

const DAY = '2026-11-28';

interface Case {
  name: string;
  /** The invite's wave; none: no invite has the code. */
  wave?: { status: WaveStatus; opens_on?: string; closes_on?: string };
  used?: 1;
  revoked?: 1;
  /** What every path must answer: null when the code may be answered on DAY. */
  expected: EntryProblem | null;
}

const CASES: Case[] = [
  { name: 'open', wave: { status: 'open' }, expected: null },
  { name: 'open, within its dates', wave: { status: 'open', opens_on: '2026-11-01', closes_on: '2026-12-01' }, expected: null },
  { name: 'opens that day', wave: { status: 'open', opens_on: DAY }, expected: null },
  { name: 'closes that day', wave: { status: 'open', closes_on: DAY }, expected: null },
  { name: 'unknown', expected: 'unknown' },
  { name: 'used', wave: { status: 'open' }, used: 1, expected: 'used' },
  { name: 'revoked', wave: { status: 'open' }, revoked: 1, expected: 'revoked' },
  { name: 'used and revoked', wave: { status: 'open' }, used: 1, revoked: 1, expected: 'revoked' },
  { name: 'closed by status', wave: { status: 'closed' }, expected: 'closed' },
  { name: 'past closes_on', wave: { status: 'open', closes_on: '2026-11-27' }, expected: 'closed' },
  { name: 'before opens_on', wave: { status: 'open', opens_on: '2026-11-29' }, expected: 'notOpen' },
  { name: 'draft', wave: { status: 'draft' }, expected: 'notOpen' },
  { name: 'draft, past closes_on', wave: { status: 'draft', closes_on: '2026-11-01' }, expected: 'closed' },
];

const PATHS: Record<TestDatabase['dialect'], WritePath[]> = {
  sqlite: ['sqlite-thread', 'kysely'],
  postgres: ['postgres-statement', 'kysely'],
};

for (const dialect of DIALECTS) {
  describe(`invite rule (${dialect})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
    });
    afterAll(async () => t.destroy());

    /** A fresh invite (and wave) for each case, in a study of its own; returns the code hashes in case order. */
    async function seedCases(): Promise<string[]> {
      const db = t.handle.db;
      const study = await createStudy(db, { name: `Invite rule ${randomId()}` });
      const [org] = await createOrganizations(db, [{ studyId: study.id, name: `Org ${randomId()}` }]);
      const hashes: string[] = [];
      for (const c of CASES) {
        const hash = keyedHash(TEST_SECRET, randomId());
        hashes.push(hash);
        if (!c.wave) continue;
        const waveId = randomId();
        await db.insertInto('waves').values({ id: waveId, study_id: study.id, name: c.name, status: c.wave.status, opens_on: c.wave.opens_on ?? null, closes_on: c.wave.closes_on ?? null, k: 5, created_on: '2026-10-01' }).execute();
        await db.insertInto('invites').values({ code_hash: hash, wave_id: waveId, organization_id: org.id, batch: 'rule', used: c.used ?? 0, revoked: c.revoked ?? 0 }).execute();
      }
      return hashes;
    }

    const expected = CASES.map((c) => [c.name, c.expected]);

    it('the TypeScript rule answers every case as the table says', async () => {
      const hashes = await seedCases();
      const rows = new Map((await selectInviteGates(t.handle.db, hashes).execute()).map((r) => [r.code_hash, r]));
      expect(CASES.map((c, i) => [c.name, inviteProblem(rows.get(hashes[i]), DAY)])).toEqual(expected);
    });

    for (const path of PATHS[dialect]) {
      it(`the ${path} write path answers every case as the table says, and claims only the answerable codes`, async () => {
        const hashes = await seedCases();
        const before = new Map((await selectRefusals(t.handle.db, hashes).execute()).map((r) => [r.code_hash, r]));
        const writer = createSubmissionWriter(t.handle.db, { path });
        const row = () => toResponseBody({ role: 'organizer', looking: 'no', stay_2y: 'yes' }, { id: randomId(), receivedOn: DAY, lang: 'en', source: 'api' });
        const tokenOf = (codeHash: string) => keyedHash(TEST_SECRET, `token of ${codeHash}`);
        // All in one batch, as concurrent requests arrive, each with its token.
        const results = await Promise.all(hashes.map((codeHash) => writer.submit({ row: row(), to: { kind: 'invite', codeHash, day: DAY }, tokenHash: tokenOf(codeHash) })));
        await writer.close();
        expect(CASES.map((c, i) => [c.name, results[i].status === 'refused' ? results[i].problem : null])).toEqual(expected);
        const after = new Map((await selectRefusals(t.handle.db, hashes).execute()).map((r) => [r.code_hash, r]));
        CASES.forEach((c, i) => {
          const was = before.get(hashes[i]);
          // A claimed code is marked used with its submission's token hash; every other invite is left as it was.
          expect([c.name, after.get(hashes[i])]).toEqual([c.name, was && c.expected === null ? { ...was, used: 1, token_hash: tokenOf(hashes[i]) } : was]);
        });
        const stored = await t.handle.db.selectFrom('responses').select('id').where('id', 'in', results.flatMap((r) => (r.status === 'stored' ? [r.id] : []))).execute();
        expect(stored).toHaveLength(CASES.filter((c) => c.expected === null).length);
      });
    }
  });
}
