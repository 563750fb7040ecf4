// Writes results.json: checked first for values JSON cannot hold honestly (NaN, Infinity,
// undefined inside arrays), then written atomically, so a failed run never leaves a
// half-written file where a report would read it.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import type { ReleaseOutcome } from './release/index.js';
import type { Results } from './results.js';

export class ResultsValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsValidationError';
  }
}

/** Throws naming the first path whose value is not finite JSON. */
export function assertFiniteJson(value: unknown, at = 'results'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ResultsValidationError(`${at} is ${value}: results.json must hold only finite numbers (a computation divided by zero or met no data).`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (v === undefined) throw new ResultsValidationError(`${at}[${i}] is undefined.`);
      assertFiniteJson(v, `${at}[${i}]`);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) if (v !== undefined) assertFiniteJson(v, `${at}.${key}`);
  }
}

export function serializeResults(results: Results): string {
  assertFiniteJson(results);
  return JSON.stringify(results, null, 2) + '\n';
}

/** Writes DIR/results.json atomically; returns its path. */
export function writeResults(outDir: string, results: Results): string {
  const text = serializeResults(results);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'results.json');
  writeFileAtomic(file, text);
  return file;
}

/** Writes DIR/release-groups.json (what the ledger records) and DIR/disclosure.json, atomically. */
export function writeReleaseFiles(outDir: string, release: ReleaseOutcome): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const [name, value] of [['release-groups.json', release.groups], ['disclosure.json', release.disclosure]] as const) {
    assertFiniteJson(value, name);
    const file = path.join(outDir, name);
    writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
    files.push(file);
  }
  return files;
}
