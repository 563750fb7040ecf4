// A real pipeline run for report tests: a seeded synthetic study written into a fresh
// database of the given dialect, then `runPipeline` into a temp folder.
import path from 'node:path';
import type { DialectName } from '../../../data/connect.js';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { runPipeline } from '../../../pipeline/run.js';
import type { Results } from '../../../pipeline/results.js';
import { closeWave } from '../../../data/repositories/studies.js';
import { publishRun } from '../../../pipeline/publish/index.js';
import { writeManifest } from '../../../pipeline/publish/manifest.js';
import { createTestDatabase, TEST_SECRET, tempDir, type TestDatabase } from '../../helpers/databases.js';

export interface PipelineRun {
  tdb: TestDatabase;
  waveId: string;
  dir: string;
  results: Results;
}

export async function seededPipelineRun(dialect: DialectName, seed = 11, orgs = 18): Promise<PipelineRun> {
  const tdb = await createTestDatabase(dialect);
  const study = await writeSyntheticStudy(tdb.handle.db, { orgs, staffMin: 2, staffMax: 22, seed, studyName: `Report test ${seed}`, waveName: 'Wave 1' });
  const dir = path.join(tempDir('rootwork-reports-'), 'run-1');
  const { results } = await runPipeline({ waveId: study.waveId, outDir: dir }, { db: tdb.handle.db, log: () => {}, clock: () => new Date('2026-11-28T12:00:00Z') });
  return { tdb, waveId: study.waveId, dir, results };
}

/**
 * Publishes the run as `rootwork publish` would, after closing its wave (reports reach
 * organization contacts only from a published release of a closed wave). Call after the
 * run's reports are written: the manifest is signed over the folder as it is.
 */
export async function publishPipelineRun(run: PipelineRun): Promise<string> {
  await closeWave(run.tdb.handle.db, run.waveId, { closesOn: '2026-11-30' });
  writeManifest(run.dir, TEST_SECRET);
  const { release } = await publishRun(run.dir, { db: run.tdb.handle.db, secret: TEST_SECRET });
  return release.id;
}

/** A study of the demo's size and seed (cli/commands/demo.ts seeds 60 organizations of 4–40 staff, seed 2026). */
export async function demoPipelineRun(): Promise<PipelineRun> {
  const tdb = await createTestDatabase('sqlite');
  const study = await writeSyntheticStudy(tdb.handle.db, { orgs: 60, staffMin: 4, staffMax: 40, seed: 2026, studyName: 'Demo study', waveName: 'Fall 2026' });
  const dir = path.join(tempDir('rootwork-reports-'), 'run-1');
  const { results } = await runPipeline({ waveId: study.waveId, outDir: dir }, { db: tdb.handle.db, log: () => {}, clock: () => new Date('2026-11-28T12:00:00Z') });
  return { tdb, waveId: study.waveId, dir, results };
}
