#!/usr/bin/env node
// `npx rootwork`: runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs
// through `prepare`) with plain node: no TypeScript is compiled at start.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = new URL('../dist/.built', import.meta.url);

let built;
try {
  built = fs.statSync(stamp).mtimeMs;
} catch {
  process.stderr.write('rootwork: not built yet: run `npm run build` (or `npm ci`, which builds) in ' + root + '\n');
  process.exit(1);
}
// A source edited after the build would otherwise be silently ignored: say so (it costs a
// few hundred stat calls).
const { productFiles } = await import('./build.mjs');
const changed = productFiles(root).find((rel) => /\.(ts|tsx|mjs|cjs|js)$/.test(rel) && fs.statSync(new URL(`../${rel}`, import.meta.url)).mtimeMs > built);
if (changed) process.stderr.write(`rootwork: note: ${changed} changed since the last build; run \`npm run build\` to use the change.\n`);

const { runFromProcess } = await import('../dist/cli/main.js');
await runFromProcess();
