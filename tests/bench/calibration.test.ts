// The calibration benchmark's code path at a tiny size: the script runs, writes its section
// into a copy of results.md between its markers (keeping the rest), and rerunning replaces
// that section rather than adding a second one. No timing is asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECTION_END, SECTION_START, sectionOf, withSection } from '../../bench/lib/calibration-report.js';
import { tempDir } from '../helpers/databases.js';

const TSX = path.resolve('node_modules/.bin/tsx');

describe('bench:calibration', () => {
  it('writes its section into the report and replaces it on a rerun', () => {
    const out = path.join(tempDir(), 'results.md');
    fs.writeFileSync(out, '# Rootwork benchmarks\n\nThe submission figures.\n');
    const run = () => execFileSync(TSX, ['bench/calibration.ts', '--sims', '2', '--orgs', '6', '--staff', '6..12', '--seed', '3', '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run();
    const first = fs.readFileSync(out, 'utf8');
    expect(first).toMatch(/^# Rootwork benchmarks\n\nThe submission figures\.\n/);
    expect(first).toContain('`npm run bench:calibration -- --sims 2 --orgs 6 --staff 6..12 --seed 3');
    expect(first).toMatch(/\| H1 \| CR2 \+ Satterthwaite df \| yes \| \d+ \/ \d+ \|/);
    expect(first).toMatch(/\| H5 \| CR1, t\(G−1\) \|/);
    expect(first).toMatch(/6 organizations of 6–12 respondents/);
    run();
    const second = fs.readFileSync(out, 'utf8');
    expect(second.split(SECTION_START).length).toBe(2);
    expect(sectionOf(second).replace(/\(\d+ s\)/, '')).toBe(sectionOf(first).replace(/\(\d+ s\)/, ''));
  }, 120_000);

  it('refuses a bad flag with one line and exit 2', () => {
    const r = spawnSync(TSX, ['bench/calibration.ts', '--sims', 'many'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['bench:calibration: --sims must be a whole number of at least 1 (got "many").']);
  });

  it('keeps the rest of a document when replacing the section', () => {
    const doc = withSection('# A\n\ntext\n', 'one');
    expect(doc).toBe(`# A\n\ntext\n\n${SECTION_START}\none\n${SECTION_END}\n`);
    const again = withSection(`${doc}\n## After\n`, 'two');
    expect(again).toBe(`# A\n\ntext\n\n${SECTION_START}\ntwo\n${SECTION_END}\n\n## After\n`);
  });
});
