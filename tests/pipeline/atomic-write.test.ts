// The one atomic writer (results.json, reports, PDFs, invite CSVs): a reader sees the old
// file or the whole new one; a write that fails part-way leaves the target as it was and no
// temporary file behind. The part-way failure is real: a child process whose file-size limit
// (ulimit -f) stops the write after a few kilobytes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AtomicWriteError, replaceDirAtomic, writeFileAtomic, writeFileAtomicChunks } from '../../pipeline/atomic-write.js';
import { tempDir } from '../helpers/databases.js';

const exec = promisify(execFile);
const MODULE = path.resolve('pipeline/atomic-write.ts');

describe('writeFileAtomic', () => {
  it('creates or replaces the whole file and leaves nothing else in the folder', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.json');
    writeFileAtomic(file, 'first\n');
    writeFileAtomic(file, new TextEncoder().encode('second\n'));
    expect(fs.readFileSync(file, 'utf8')).toBe('second\n');
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });

  it('gives a new file the mode asked for (secrets readable by their owner only)', () => {
    const file = path.join(tempDir(), 'invites.csv');
    writeFileAtomic(file, 'code\n', { mode: 0o600 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file whole and no temporary file when the write fails part-way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'results.json');
    fs.writeFileSync(file, 'old results\n');
    // ulimit -f counts kilobytes: the child may write 16 KB of the 1 MB, then gets EFBIG.
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(MODULE)});
      try { writeFileAtomic(${JSON.stringify(file)}, 'x'.repeat(1 << 20)); }
      catch (err) { console.log(err.name + ': ' + err.message); process.exit(3); }`;
    const run = exec('bash', ['-c', 'ulimit -f 16 && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script]);
    const failure = await run.then(() => null, (err: { code: number; stdout: string }) => err);
    expect(failure?.code).toBe(3);
    expect(failure?.stdout).toMatch(/^AtomicWriteError: Cannot write .*results\.json: EFBIG/);
    expect(fs.readdirSync(dir)).toEqual(['results.json']);
    expect(fs.readFileSync(file, 'utf8')).toBe('old results\n');
  });

  it('removes its temporary file when the rename fails, leaving what was there untouched', () => {
    const dir = tempDir();
    const target = path.join(dir, 'study-report.html');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'kept');
    expect(() => writeFileAtomic(target, '<html></html>')).toThrow(AtomicWriteError);
    expect(fs.readdirSync(dir)).toEqual(['study-report.html']);
    expect(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('kept');
  });

  it('fails with one clear message when the folder does not exist, creating nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'missing', 'results.json');
    expect(() => writeFileAtomic(file, '{}')).toThrow(/^Cannot write .*missing\/results\.json: ENOENT.*Check that its folder exists and is writable\.$/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('writeFileAtomicChunks', () => {
  it('writes the pieces in order as UTF-8, across the points where it flushes', () => {
    const file = path.join(tempDir(), 'results.json');
    // Pieces of 1,000 characters, some outside ASCII, past several flushes of 1 Mi characters.
    const pieces = Array.from({ length: 3500 }, (_, i) => `${String(i).padStart(6, '0')}–${'é×'.repeat(496)}\n`);
    writeFileAtomicChunks(file, pieces);
    expect(fs.readFileSync(file, 'utf8')).toBe(pieces.join(''));
  });

  it('leaves the old file whole and no temporary file when a piece cannot be produced', () => {
    const dir = tempDir();
    const file = path.join(dir, 'results.json');
    fs.writeFileSync(file, 'old results\n');
    function* failing(): Generator<string> {
      yield 'x'.repeat(1 << 21); // flushed to the temporary file before the failure
      throw new Error('serializer failed');
    }
    expect(() => writeFileAtomicChunks(file, failing())).toThrow(/Cannot write .*results\.json: serializer failed/);
    expect(fs.readdirSync(dir)).toEqual(['results.json']);
    expect(fs.readFileSync(file, 'utf8')).toBe('old results\n');
  });
});

describe('replaceDirAtomic', () => {
  it('swaps in the new folder whole, dropping files of the earlier run', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'orgs');
    replaceDirAtomic(dir, (staging) => {
      fs.writeFileSync(path.join(staging, 'ORG-A.html'), 'a');
      fs.writeFileSync(path.join(staging, 'ORG-B.html'), 'b');
    });
    replaceDirAtomic(dir, (staging) => fs.writeFileSync(path.join(staging, 'ORG-A.html'), 'a2'));
    expect(fs.readdirSync(dir)).toEqual(['ORG-A.html']);
    expect(fs.readFileSync(path.join(dir, 'ORG-A.html'), 'utf8')).toBe('a2');
    expect(fs.readdirSync(parent)).toEqual(['orgs']);
  });

  it('keeps the old folder and removes the staging folder when filling fails', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'charts');
    replaceDirAtomic(dir, (staging) => fs.writeFileSync(path.join(staging, 'one.vl.json'), '{}'));
    expect(() =>
      replaceDirAtomic(dir, (staging) => {
        fs.writeFileSync(path.join(staging, 'half.vl.json'), '{');
        throw new Error('chart failed');
      }),
    ).toThrow('chart failed');
    expect(fs.readdirSync(parent)).toEqual(['charts']);
    expect(fs.readdirSync(dir)).toEqual(['one.vl.json']);
  });
});
