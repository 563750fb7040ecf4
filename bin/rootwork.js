#!/usr/bin/env node
// `npx rootwork`: runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs
// through `prepare`) with plain node: no TypeScript is compiled at start.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// dist/ is generated: its paths are built here rather than written as imports of files
// that a fresh checkout does not have.
const dist = path.join(root, 'dist');

// A source edited after the build would otherwise be silently ignored: say so (it costs a
// few hundred stat calls).
const { staleBuild } = await import('./build.mjs');
const stale = staleBuild(root);
if (stale === 'not built') {
  process.stderr.write(`rootwork: not built yet: run \`npm run build\` (or \`npm ci\`, which builds) in ${root}\n`);
  process.exit(1);
}
if (stale) process.stderr.write(`rootwork: note: ${stale} changed since the last build; run \`npm run build\` to use the change.\n`);

const { runFromProcess } = await import(pathToFileURL(path.join(dist, 'cli', 'main.js')).href);
await runFromProcess();
