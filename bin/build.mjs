#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` builds): compiles the product to JavaScript in
// dist/ with tsc (tsconfig.build.json), copies the plain JavaScript modules (worker threads
// and their helpers, loaded at run time through new URL(..., import.meta.url)) beside their
// compiled neighbours, checks that every such URL in the output points at a file that is
// there, and links node_modules/.bin/rootwork for `npx rootwork`. The new build is put
// together in a staging folder and swapped in whole, so a failed build never leaves a mixed
// dist/ behind, and modules deleted from the source leave nothing stale to import.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
/** The product; tests/ and bench/ keep running from source (vitest, tsx). */
export const PRODUCT = ['instrument', 'data', 'survey', 'pipeline', 'reports', 'exchange', 'cli'];
/** Generated output inside a product folder, never part of the build. */
const SKIP = new Set([path.join('reports', 'out')]);
const PLAIN_JS = /\.(mjs|cjs|js)$/;
/** Written last: its presence says the build completed; bin/rootwork.js compares sources against its time. */
const STAMP = '.built';

class BuildError extends Error {}

/**
 * Whether dist/ is the product as its sources now stand: 'not built' when no build finished,
 * else the first product source (relative to root) changed since the build, or null.
 */
export function staleBuild(root = ROOT) {
  let built;
  try {
    built = fs.statSync(path.join(root, 'dist', STAMP)).mtimeMs;
  } catch {
    return 'not built';
  }
  return productFiles(root).find((rel) => /\.(ts|tsx|mjs|cjs|js)$/.test(rel) && fs.statSync(path.join(root, rel)).mtimeMs > built) ?? null;
}

/** Every file under the product folders (relative to ROOT), generated output left out. */
export function productFiles(root = ROOT) {
  const files = [];
  const walk = (rel) => {
    if (SKIP.has(rel)) return;
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  for (const dir of PRODUCT) if (fs.existsSync(path.join(root, dir))) walk(dir);
  return files;
}

function compile(outDir) {
  let tsc;
  try {
    const manifest = createRequire(import.meta.url).resolve('typescript/package.json');
    tsc = path.join(path.dirname(manifest), JSON.parse(fs.readFileSync(manifest, 'utf8')).bin.tsc);
  } catch (cause) {
    throw new BuildError('TypeScript is not installed: run `npm ci` (the build needs the devDependencies).', { cause });
  }
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new BuildError(`tsc failed (exit ${r.status ?? r.signal}); dist/ is unchanged.`);
}

/** Every `new URL('./...', import.meta.url)` in the compiled modules must name a file in the build. */
function checkRuntimeUrls(outDir) {
  const missing = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js')) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) {
          const target = path.resolve(path.dirname(file), m[1]);
          if (!fs.existsSync(target)) missing.push(`${path.relative(outDir, file)} -> ${m[1]}`);
        }
      }
    }
  };
  walk(outDir);
  if (missing.length > 0) throw new BuildError(`files loaded at run time are missing from the build: ${missing.join(', ')}.`);
}

/** Plain JavaScript that loads TypeScript (through tsx) cannot run from dist/, where no .ts is. */
function warnTypeScriptAtRunTime() {
  for (const rel of productFiles()) {
    if (!PLAIN_JS.test(rel)) continue;
    const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    if (/from\s+['"]tsx[/'"]|import\(\s*['"][^'"]+\.tsx?['"]\s*\)/.test(text)) {
      process.stderr.write(`rootwork build: warning: ${rel} loads TypeScript at run time; it will fail when run from dist/.\n`);
    }
  }
}

/**
 * `npx rootwork` finds the command in node_modules/.bin. Through package.json's "bin" it would
 * work too, but for a project's own bin npm exec first reads every installed package folder,
 * which costs several times Rootwork's own start; a command in node_modules/.bin runs at once.
 */
function linkCommand() {
  const binDir = path.join(ROOT, 'node_modules', '.bin');
  if (!fs.existsSync(path.dirname(binDir))) return;
  fs.mkdirSync(binDir, { recursive: true });
  const link = path.join(binDir, 'rootwork');
  const target = path.join('..', '..', 'bin', 'rootwork.js');
  const current = fs.lstatSync(link, { throwIfNoEntry: false });
  if (current?.isSymbolicLink() && fs.readlinkSync(link) === target) return;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
}

function build() {
  const staging = fs.mkdtempSync(path.join(ROOT, '.dist-'));
  try {
    compile(staging);
    for (const rel of productFiles()) {
      if (!PLAIN_JS.test(rel)) continue;
      fs.mkdirSync(path.join(staging, path.dirname(rel)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, rel), path.join(staging, rel));
    }
    checkRuntimeUrls(staging);
    warnTypeScriptAtRunTime();
    fs.writeFileSync(path.join(staging, STAMP), '');
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const old = `${staging}-old`;
  if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
  fs.renameSync(staging, DIST);
  fs.rmSync(old, { recursive: true, force: true });
  linkCommand();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch (err) {
    process.stderr.write(`rootwork build: ${err instanceof BuildError ? err.message : (err.stack ?? err)}\n`);
    process.exit(1);
  }
}
