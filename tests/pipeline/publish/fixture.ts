// A small closed wave and real run folders for the publishing tests: the pipeline, exports,
// reports and signed manifest exactly as `rootwork pipeline` writes them (cli/run-folder.ts).
// `asLinkedWritesIt` sets which releases a run says it was checked against (to stage a run
// that missed one) and signs the manifest again: the publishing checks are what is under test.
import fs from 'node:fs';
import path from 'node:path';
import type { DialectName } from '../../../data/connect.js';
import { randomId } from '../../../data/ids.js';
import { readLedger } from '../../../data/repositories/releases.js';
import { insertResponses } from '../../../data/repositories/responses.js';
import { closeWave, getWave } from '../../../data/repositories/studies.js';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { writeRunFolder } from '../../../cli/run-folder.js';
import { writeManifest } from '../../../pipeline/publish/manifest.js';
import { createTestDatabase, TEST_SECRET, tempDir, type TestDatabase } from '../../helpers/databases.js';

export interface PublishFixture {
  tdb: TestDatabase;
  studyId: string;
  waveId: string;
  root: string;
  /** Writes a run of the wave into a new folder and returns it. */
  run(name: string, options?: { k?: number; checkedAgainst?: string[] }): Promise<string>;
  /** Rows in releases and release_groups: what a refusal must leave unchanged. */
  counts(): Promise<{ releases: number; groups: number }>;
  /** One more response to the (closed) wave, as a late import would add it. */
  lateResponse(): Promise<void>;
  destroy(): Promise<void>;
}

export async function publishFixture(dialect: DialectName, seed = 7): Promise<PublishFixture> {
  const tdb = await createTestDatabase(dialect);
  const db = tdb.handle.db;
  const study = await writeSyntheticStudy(db, { orgs: 8, staffMin: 6, staffMax: 14, seed, studyName: `Publish test ${seed}`, waveName: 'Wave 1' });
  await closeWave(db, study.waveId, { closesOn: '2026-11-30' });
  const root = tempDir('rootwork-publish-');
  return {
    tdb,
    studyId: study.studyId,
    waveId: study.waveId,
    root,
    async run(name, options = {}) {
      const dir = path.join(root, name);
      await writeRunFolder({ waveId: study.waveId, outDir: dir, k: options.k }, { db, secret: TEST_SECRET, log: () => {} });
      await asLinkedWritesIt(dir, options.checkedAgainst ?? (await readLedger(db, study.studyId)).map((r) => r.releaseId));
      return dir;
    },
    async counts() {
      const r = await db.selectFrom('releases').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      const g = await db.selectFrom('release_groups').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return { releases: Number(r.n), groups: Number(g.n) };
    },
    async lateResponse() {
      const wave = await getWave(db, study.waveId);
      const one = await db.selectFrom('responses').selectAll().where('wave_id', '=', wave.id).limit(1).executeTakeFirstOrThrow();
      await insertResponses(db, [{ ...one, id: randomId(), sat_1: one.sat_1 === 5 ? 1 : 5 }]);
    },
    async destroy() {
      await tdb.destroy();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A run's results.run.checked_against set as given; the manifest signed again. */
export async function asLinkedWritesIt(dir: string, checkedAgainst: string[]): Promise<void> {
  const file = path.join(dir, 'results.json');
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  results.run.checked_against = checkedAgainst;
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  writeManifest(dir, TEST_SECRET);
}
