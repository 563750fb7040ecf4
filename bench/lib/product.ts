// The product as `rootwork` runs it: the compiled modules in dist/, not the TypeScript
// sources through tsx. tsx compiles with esbuild's keepNames (every named function and class
// wrapped to keep its name) and inline source maps, so code measured from source is not
// the code a user runs, and at a million responses the pipeline ran slower from source.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { staleBuild } from '../../bin/build.mjs';
import { ROOT } from '../../tests/kit/child-server.js';

/** Builds dist/ when it is missing or older than a product source, so a benchmark never measures a stale build. */
export function ensureBuilt(log: (line: string) => void): void {
  const stale = staleBuild(ROOT);
  if (stale === null) return;
  log(stale === 'not built' ? 'dist/ is not built: building it first' : `${stale} changed since the last build: building dist/ first`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'build.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}): the benchmark measures the compiled product.`);
}

/** A compiled product module, e.g. productModule<typeof import('../../pipeline/run.js')>('pipeline/run.js'). */
export function productModule<T>(rel: string): Promise<T> {
  return import(pathToFileURL(path.join(ROOT, 'dist', rel)).href) as Promise<T>;
}
