// The run manifest: DIR/manifest.json lists the sha256 of every file a pipeline run wrote
// and is signed (HMAC-SHA256 with the database's secret), so publishing can tell that the
// folder is exactly what the pipeline produced — no file edited, added or removed — and
// that it came from this installation. release.json (written when the run is published)
// is the one file outside it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../../data/errors.js';
import { sameDigest } from '../../data/ids.js';
import { writeFileAtomic } from '../atomic-write.js';

export const MANIFEST_FILE = 'manifest.json';
export const RELEASE_FILE = 'release.json';
const FORMAT = 'rootwork-run-manifest/1';
const UNSIGNED = new Set([MANIFEST_FILE, RELEASE_FILE]);

export interface Manifest {
  format: typeof FORMAT;
  /** Relative path ('/'-separated) → sha256 hex, in sorted order. */
  files: Record<string, string>;
  hmac: string;
}

/** A run folder that is not what the pipeline wrote: publishing it is refused. */
export class TamperedRunError extends InvalidInputError {
  constructor(message: string) {
    super(message);
    this.name = 'TamperedRunError';
  }
}

/** Every file under `dir` but the manifest and release.json, as sorted '/'-separated paths. */
function runFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (!UNSIGNED.has(rel)) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function sign(secret: string, files: Record<string, string>): string {
  return crypto.createHmac('sha256', secret).update(`${FORMAT}\u0000${JSON.stringify(files)}`).digest('hex');
}

/** Writes DIR/manifest.json over what DIR holds now; returns its path. */
export function writeManifest(dir: string, secret: string): string {
  const files: Record<string, string> = {};
  for (const rel of runFiles(dir)) files[rel] = sha256(path.join(dir, rel));
  const manifest: Manifest = { format: FORMAT, files, hmac: sign(secret, files) };
  const file = path.join(dir, MANIFEST_FILE);
  writeFileAtomic(file, JSON.stringify(manifest, null, 2) + '\n');
  return file;
}

const RERUN = 'rerun the pipeline (rootwork pipeline --out DIR) and publish the new run';

/** Throws TamperedRunError naming the first problem: no manifest, a bad signature, a file changed, added or removed. */
export function verifyManifest(dir: string, secret: string): Manifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new TamperedRunError(`${dir} has no ${MANIFEST_FILE}, so nothing shows it is what the pipeline wrote: ${RERUN}.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch (cause) {
    throw new TamperedRunError(`${file} is not valid JSON (${(cause as Error).message}): ${RERUN}.`);
  }
  const files = manifest?.files;
  if (manifest?.format !== FORMAT || typeof files !== 'object' || files === null || typeof manifest.hmac !== 'string'
    || Object.values(files).some((v) => typeof v !== 'string')) {
    throw new TamperedRunError(`${file} is not a Rootwork run manifest: ${RERUN}.`);
  }
  if (!/^[0-9a-f]{64}$/.test(manifest.hmac) || !sameDigest(manifest.hmac, sign(secret, files))) {
    throw new TamperedRunError(`${file} was edited, or written with another database's secret: ${RERUN}.`);
  }
  const present = runFiles(dir);
  const listed = Object.keys(files);
  const added = present.find((rel) => !(rel in files));
  if (added) throw new TamperedRunError(`${path.join(dir, added)} was added after the pipeline run: ${RERUN} rather than changing a run folder.`);
  const removed = listed.find((rel) => !present.includes(rel));
  if (removed) throw new TamperedRunError(`${path.join(dir, removed)} was removed after the pipeline run: ${RERUN}.`);
  const changed = listed.find((rel) => sha256(path.join(dir, rel)) !== files[rel]);
  if (changed) throw new TamperedRunError(`${path.join(dir, changed)} was changed after the pipeline run (its checksum differs from ${MANIFEST_FILE}): ${RERUN} rather than editing a run.`);
  return manifest;
}
