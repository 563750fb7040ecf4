#!/usr/bin/env node
// `npx rootwork`: runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs
// through `prepare`) with plain node: no TypeScript is compiled at start.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// dist/ is generated: its paths are built here rather than written as imports of files
// that a fresh checkout does not have.
const dist = path.join(root, 'dist');

let built;
try {
  built = fs.statSync(path.join(dist, '.built')).mtimeMs;
} catch {
  process.stderr.write(`rootwork: not built yet: run \`npm run build\` (or \`npm ci\`, which builds) in ${root}\n`);
  process.exit(1);
}
// A source edited after the build would otherwise be silently ignored: say so (it costs a
// few hundred stat calls).
const { productFiles } = await import('./build.mjs');
const changed = productFiles(root).find((rel) => /\.(ts|tsx|mjs|cjs|js)$/.test(rel) && fs.statSync(path.join(root, rel)).mtimeMs > built);
if (changed) process.stderr.write(`rootwork: note: ${changed} changed since the last build; run \`npm run build\` to use the change.\n`);

const { runFromProcess } = await import(pathToFileURL(path.join(dist, 'cli', 'main.js')).href);
await runFromProcess();
