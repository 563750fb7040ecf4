// Publishing a pipeline run as a release of its wave (`rootwork publish`, `pipeline
// --publish`, the admin page and API all come here). A run is refused — with one message
// saying what to do, and nothing recorded — when its folder is not what the pipeline
// wrote, its wave is not closed, the wave's data changed since the run, a release was
// published that the run was not checked against, it is older than the wave's latest
// release, its k is below the wave's or an earlier release's, or it was published already.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { ConflictError } from '../../data/errors.js';
import { today } from '../../data/ids.js';
import { recordRelease, type LedgerState, type ReleaseSummary } from '../../data/repositories/releases.js';
import { getWave } from '../../data/repositories/studies.js';
import { writeFileAtomic } from '../atomic-write.js';
import { extractWave } from '../extract.js';
import { RELEASE_FILE, verifyManifest } from './manifest.js';
import { readRunFolder, type ResultsHead } from './run-folder.js';

/** A run that may not be published (the message says why and what to do). */
export class PublishRefusedError extends ConflictError {
  constructor(message: string) {
    super(message);
    this.name = 'PublishRefusedError';
  }
}

export interface PublishDeps {
  db: Kysely<Database>;
  secret: string;
  clock?: () => Date;
}

export interface Published {
  release: ReleaseSummary;
  /** DIR/release.json */
  file: string;
}

const RERUN = 'rerun the pipeline (rootwork pipeline --out DIR) and publish the new run';

export async function publishRun(dir: string, deps: PublishDeps): Promise<Published> {
  const { db, secret } = deps;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new PublishRefusedError(`${dir} is not a folder: give the folder a pipeline run wrote (rootwork pipeline --out DIR).`);
  verifyManifest(dir, secret);
  const run = readRunFolder(dir);
  const { results } = run;
  const releaseFile = path.join(dir, RELEASE_FILE);
  if (fs.existsSync(releaseFile)) throw new PublishRefusedError(`${dir} was published already (see ${releaseFile}): a run is published once; ${RERUN} to publish again.`);

  const wave = await getWave(db, results.study.wave_id);
  refuseUnlessClosed(wave);
  refuseBelowWaveK(results.run.k, wave);
  // The whole wave is read again: the only way to know its answers are still the run's.
  const current = await extractWave(db, wave.id);
  if (current.fingerprint !== results.run.data_fingerprint) {
    throw new PublishRefusedError(`The data of wave "${wave.name}" changed after this run (a late response, an import or a profile edit): ${RERUN}.`);
  }

  const release = await recordRelease(
    db,
    {
      studyId: wave.study_id,
      waveId: wave.id,
      k: results.run.k,
      dataFingerprint: results.run.data_fingerprint,
      runGeneratedOn: results.run.generated_on,
      publishedOn: today(deps.clock),
      resultsJson: run.resultsText,
      withheld: run.withheld,
      groups: run.groups,
    },
    (state) => checkAgainstLedger(results, state),
  );
  writeFileAtomic(releaseFile, JSON.stringify({ release_id: release.id, published_on: release.published_on }, null, 2) + '\n');
  return { release, file: releaseFile };
}

function refuseUnlessClosed(wave: { name: string; status: string }): void {
  if (wave.status === 'open') {
    throw new PublishRefusedError(`Wave "${wave.name}" is still open: findings and organization reports come after a wave closes. Close it (rootwork admin close-wave --wave W), rerun the pipeline, then publish.`);
  }
  if (wave.status !== 'closed') throw new PublishRefusedError(`Wave "${wave.name}" is ${wave.status}, not closed: only a closed wave's run can be published.`);
}

function refuseBelowWaveK(k: number, wave: { name: string; k: number }): void {
  if (k < wave.k) throw new PublishRefusedError(`This run used k = ${k}, below wave "${wave.name}"'s k of ${wave.k}: rerun the pipeline with --k ${wave.k} or higher.`);
}

/** The checks that need the ledger as it is at the moment of recording (run inside its transaction). */
export function checkAgainstLedger(results: ResultsHead, { wave, releases }: LedgerState): void {
  refuseUnlessClosed(wave);
  const run = results.run;
  const ofWave = releases.filter((r) => r.wave_id === wave.id);
  const same = ofWave.find((r) => r.run_generated_on === run.generated_on && r.data_fingerprint === run.data_fingerprint);
  if (same) throw new PublishRefusedError(`This run was published already, as release ${same.id}: a run is published once; ${RERUN} to publish again.`);

  const checked = new Set(run.checked_against ?? []);
  const known = new Set(releases.map((r) => r.id));
  const missed = releases.find((r) => !checked.has(r.id));
  if (missed) throw new PublishRefusedError(`Release ${missed.id} was published after this run, which was not checked against it: ${RERUN}.`);
  const unknown = [...checked].find((id) => !known.has(id));
  if (unknown) throw new PublishRefusedError(`This run was checked against release ${unknown}, which this database's ledger does not hold (a run of another database?): ${RERUN}.`);

  const latest = ofWave.at(-1);
  if (latest && latest.run_generated_on > run.generated_on) {
    throw new PublishRefusedError(`This run (generated ${run.generated_on}) is older than release ${latest.id} of wave "${wave.name}" (generated ${latest.run_generated_on}): ${RERUN}.`);
  }
  refuseBelowWaveK(run.k, wave);
  const higher = ofWave.filter((r) => r.k > run.k).sort((a, b) => b.k - a.k)[0];
  if (higher) {
    throw new PublishRefusedError(`Release ${higher.id} of wave "${wave.name}" was published at k = ${higher.k}; a release at k = ${run.k} could give back what it withheld: rerun the pipeline with --k ${higher.k} or higher.`);
  }
}
