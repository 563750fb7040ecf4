// The pipeline runs found in a reports folder (each a subfolder holding results.json), for
// the CLI's default run and the service's listing. Reads only each run's small header.
// Whether a run is published is the ledger's to say (the service matches runs to releases
// by wave, generation time and data fingerprint), not a file's in the folder.
import fs from 'node:fs';
import path from 'node:path';
import { STUDY_REPORT } from './index.js';
import { orgReportsIn } from './org-files.js';
import { readResults } from './schema.js';

export interface RunInfo {
  /** Folder name, used in URLs. */
  name: string;
  dir: string;
  studyName: string;
  waveId: string;
  waveName: string;
  generatedOn: string;
  k: number;
  /** results.run.data_fingerprint: with the wave and generatedOn, what ties a folder to its release. */
  dataFingerprint: string;
  /** The wave's answers include generated ones (results.run.synthetic). */
  synthetic: boolean;
  hasStudyReport: boolean;
  /** Organizations with a report (each in English and Spanish). */
  orgReports: number;
  /** results.json modification time, for ordering runs of the same day. */
  mtimeMs: number;
}

/** A run folder name safe to put in a URL and join to a path. */
export function safeRunName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) && !name.includes('..');
}

export function readRun(dir: string): RunInfo {
  const file = path.join(dir, 'results.json');
  const results = readResults(file);
  const orgsDir = path.join(dir, 'orgs');
  return {
    name: path.basename(dir),
    dir,
    studyName: results.study.study_name,
    waveId: results.study.wave_id,
    waveName: results.study.wave_name,
    generatedOn: results.run.generated_on,
    k: results.study.k,
    dataFingerprint: results.run.data_fingerprint,
    synthetic: results.run.synthetic === true,
    hasStudyReport: fs.existsSync(path.join(dir, STUDY_REPORT)),
    orgReports: fs.existsSync(orgsDir) ? orgReportsIn(fs.readdirSync(orgsDir)).length : 0,
    mtimeMs: fs.statSync(file).mtimeMs,
  };
}

/**
 * Runs newest first. A folder whose results.json is unreadable is reported through
 * `onSkip` (so the listing can say so) rather than hiding every other run.
 */
export function listRuns(reportsDir: string, onSkip: (dir: string, err: Error) => void = () => {}): RunInfo[] {
  if (!fs.existsSync(reportsDir)) return [];
  const runs: RunInfo[] = [];
  for (const entry of fs.readdirSync(reportsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !safeRunName(entry.name)) continue;
    const dir = path.join(reportsDir, entry.name);
    if (!fs.existsSync(path.join(dir, 'results.json'))) continue;
    try {
      runs.push(readRun(dir));
    } catch (err) {
      onSkip(dir, err as Error);
    }
  }
  return runs.sort((a, b) => b.generatedOn.localeCompare(a.generatedOn) || b.mtimeMs - a.mtimeMs);
}
