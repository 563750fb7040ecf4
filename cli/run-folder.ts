// One pipeline run folder, as `rootwork pipeline` and `rootwork demo` write it: results.json
// (checked against the study's ledger), the analyst exports, the reports, and last the
// signed manifest over all of it, which publishing verifies.
import fs from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../data/database.js';
import { earlierPublishedWaves, readLedger } from '../data/repositories/releases.js';
import { getWave } from '../data/repositories/studies.js';
import { writeExports } from '../exchange/export/index.js';
import { MANIFEST_FILE, RELEASE_FILE, writeManifest } from '../pipeline/publish/manifest.js';
import type { Results } from '../pipeline/results.js';
import { runPipeline } from '../pipeline/run.js';
import { writeReports, type WrittenReports } from '../reports/index.js';

export interface RunFolderOptions {
  waveId: string;
  outDir: string;
  k?: number;
}

export interface RunFolderDeps {
  db: Kysely<Database>;
  secret: string;
  log: (line: string) => void;
  progress?: (done: number, total: number) => void;
  /** Progress of the exports (organizations written) and of the organization reports. */
  exportProgress?: (done: number, total: number) => void;
  reportProgress?: (done: number, total: number) => void;
}

export interface WrittenRun {
  resultsPath: string;
  results: Results;
  reports: WrittenReports;
  exportsDir: string;
}

export async function writeRunFolder(opts: RunFolderOptions, deps: RunFolderDeps): Promise<WrittenRun> {
  const wave = await getWave(deps.db, opts.waveId);
  const ledger = await readLedger(deps.db, wave.study_id);
  const earlier = await earlierPublishedWaves(deps.db, wave.id);
  // A new run in a folder is a new draft: an earlier run's manifest and release mark go first.
  for (const file of [RELEASE_FILE, MANIFEST_FILE]) fs.rmSync(join(opts.outDir, file), { force: true });
  const { path, results } = await runPipeline({ waveId: wave.id, outDir: opts.outDir, k: opts.k, ledger, earlier }, { db: deps.db, log: deps.log, progress: deps.progress });
  const exportsDir = join(opts.outDir, 'exports');
  await writeExports(deps.db, { waveId: wave.id, outDir: exportsDir, results, k: results.study.k, log: deps.log, progress: deps.exportProgress });
  const reports = await writeReports(results, opts.outDir, { log: deps.log, progress: deps.reportProgress });
  // Last, over everything the run wrote: publishing refuses a folder changed after this.
  writeManifest(opts.outDir, deps.secret);
  return { resultsPath: path, results, reports, exportsDir };
}
