// The compiled CLI that `npx rootwork` and `npm run demo` run (dist/, from `npm run build`,
// which `npm test` runs before vitest): built from the current source, holding every plain
// JavaScript module (worker threads) beside its compiled neighbours, and none of the tests
// or benchmarks.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { staleBuild } from '../../bin/build.mjs';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/databases.js';

const exec = promisify(execFile);
const ROOT = path.resolve('.');
const DIST = path.join(ROOT, 'dist');
const PRODUCT = ['instrument', 'data', 'survey', 'pipeline', 'reports', 'exchange', 'cli'];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

const sources = PRODUCT.flatMap((top) => filesUnder(path.join(ROOT, top)).map((rel) => path.join(top, rel))).filter((rel) => !rel.startsWith(path.join('reports', 'out')));

describe('the build (dist/)', () => {
  it('is newer than every product source: run `npm run build` (npm test does) when this fails', () => {
    const built = fs.statSync(path.join(DIST, '.built')).mtimeMs;
    const newer = sources.filter((rel) => /\.(tsx?|mjs)$/.test(rel) && fs.statSync(path.join(ROOT, rel)).mtimeMs > built);
    expect(newer).toEqual([]);
  });

  it('has a compiled module for every TypeScript module and every plain JavaScript module copied beside them', () => {
    const built = new Set(filesUnder(DIST));
    const expected = sources.flatMap((rel) => {
      if (rel.endsWith('.d.mts') || rel.endsWith('.d.ts')) return [];
      if (/\.tsx?$/.test(rel)) return [rel.replace(/\.tsx?$/, '.js')];
      if (rel.endsWith('.mjs')) return [rel];
      return [];
    });
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.filter((rel) => !built.has(rel))).toEqual([]);
    expect([...built].filter((rel) => /^(tests|bench)[\\/]/.test(rel))).toEqual([]);
    for (const rel of expected.filter((r) => r.endsWith('.mjs'))) expect(fs.readFileSync(path.join(DIST, rel), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
  });

  it('runs with plain node, without TypeScript, and knows its version from package.json', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { ROOTWORK_VERSION } = (await import(path.join(DIST, 'data', 'version.js'))) as { ROOTWORK_VERSION: string };
    expect(ROOTWORK_VERSION).toBe(manifest.version);
    // No loader: a .ts import anywhere in what --help loads would fail here.
    const { stdout, stderr } = await exec(process.execPath, [BIN, '--help'], { env: { ...process.env, NODE_OPTIONS: '' } });
    expect(stdout).toMatch(/^Usage: rootwork <command>/);
    expect(stderr).toBe('');
  });
});

// What bin/rootwork.js warns about and the benchmarks rebuild for (bench/lib/product.ts).
describe('staleBuild', () => {
  it('says when dist/ was never built, which source changed since it was, and nothing when it is current', () => {
    const root = tempDir('rootwork-stale-');
    const source = path.join(root, 'pipeline', 'run.ts');
    fs.mkdirSync(path.dirname(source), { recursive: true });
    fs.writeFileSync(source, 'export {};\n');
    expect(staleBuild(root)).toBe('not built');
    const stamp = path.join(root, 'dist', '.built');
    fs.mkdirSync(path.dirname(stamp), { recursive: true });
    fs.writeFileSync(stamp, '');
    const at = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);
    at(source, 1_000);
    at(stamp, 2_000);
    expect(staleBuild(root)).toBeNull();
    at(source, 3_000);
    expect(staleBuild(root)).toBe(path.join('pipeline', 'run.ts'));
    // Outside the product folders nothing counts.
    at(source, 1_000);
    fs.writeFileSync(path.join(root, 'notes.ts'), '');
    expect(staleBuild(root)).toBeNull();
  });
});
