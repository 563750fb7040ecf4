// Writes results.json: checked first for values JSON cannot hold honestly (NaN, Infinity,
// undefined inside arrays), then written atomically, so a failed run never leaves a
// half-written file where a report would read it; streamed, so the text of tens of megabytes
// never exists as one string.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicChunks } from './atomic-write.js';
import { jsonChunks } from './json-chunks.js';
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
  // The path is built only for the value that fails: a string per value checked was most of
  // the cost of checking a results.json of tens of megabytes.
  const path: (string | number)[] = [];
  const bad = findNotFinite(value, path);
  if (bad === null) return;
  const where = at + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  if (bad === 'undefined') throw new ResultsValidationError(`${where} is undefined.`);
  throw new ResultsValidationError(`${where} is ${bad}: results.json must hold only finite numbers (a computation divided by zero or met no data).`);
}

/** The first value JSON cannot hold honestly, as text, with `path` left pointing at it; null when none. */
function findNotFinite(value: unknown, path: (string | number)[]): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : String(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // a hole, which JSON writes as null
      path.push(i);
      const v: unknown = value[i];
      const bad = v === undefined ? 'undefined' : findNotFinite(v, path);
      if (bad !== null) return bad;
      path.pop();
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (v === undefined) continue;
      path.push(key);
      const bad = findNotFinite(v, path);
      if (bad !== null) return bad;
      path.pop();
    }
  }
  return null;
}

/** Writes DIR/results.json atomically, streamed (json-chunks.ts); returns its path. */
export function writeResults(outDir: string, results: Results): string {
  assertFiniteJson(results);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'results.json');
  writeFileAtomicChunks(file, withNewline(jsonChunks(results)));
  return file;
}

/** Writes DIR/release-groups.json (what the ledger records) and DIR/disclosure.json, atomically. */
export function writeReleaseFiles(outDir: string, release: ReleaseOutcome): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const [name, value] of [['release-groups.json', release.groups], ['disclosure.json', release.disclosure]] as const) {
    assertFiniteJson(value, name);
    const file = path.join(outDir, name);
    writeFileAtomicChunks(file, withNewline(jsonChunks(value)));
    files.push(file);
  }
  return files;
}

function* withNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks;
  yield '\n';
}
