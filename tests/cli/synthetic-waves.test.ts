// `rootwork synthetic --waves N` as a person runs it (compiled dist/, a real SQLite file):
// several waves of one study, deterministic, planted changes stated; bad flags get one line
// and exit 2 with nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/databases.js';
import { rootwork } from '../helpers/cli.js';
import { usage } from '../../cli/usage/synthetic.js';
import { DEFAULT_OPTIONS, DEFAULT_WAVES, PLANTED_WAVE_CHANGE } from '../../data/synthetic/params.js';

describe('rootwork synthetic --waves', () => {
  it('writes several waves of one study, the same for the same seed', async () => {
    const dir = tempDir();
    const args = ['synthetic', '--orgs', '6', '--staff', '3..8', '--seed', '4', '--waves', '3'];
    const a = await rootwork(args, { DATABASE_URL: path.join(dir, 'a.db') });
    const b = await rootwork(args, { DATABASE_URL: path.join(dir, 'b.db') });
    expect(a.code, a.stderr).toBe(0);
    const ja = JSON.parse(a.stdout);
    expect(JSON.parse(b.stdout)).toEqual(ja);
    expect(ja.waves.map((w: { name: string }) => w.name)).toEqual(['Wave 1', 'Wave 2', 'Wave 3']);
    expect(ja.waves.map((w: { opens_on: string }) => w.opens_on)).toEqual(['2024-10-01', '2025-10-01', '2026-10-01']);
    expect(ja.waves[0].planted_change).toEqual({ sat: 0, itl: 0 });
    expect(ja.waves[1].planted_change).toEqual({ sat: 0.5, itl: -0.3 });
    expect(ja.organizations).toBeGreaterThanOrEqual(6);
    const clash = await rootwork([...args, '--name', 'Again'], { DATABASE_URL: path.join(dir, 'a.db') });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/already holds a synthetic study of seed 4 .*another --seed/);
    const none = await rootwork([...args, '--seed', '5', '--no-change', '--name', 'Flat'], { DATABASE_URL: path.join(dir, 'a.db') });
    expect(none.code, none.stderr).toBe(0);
    expect(JSON.parse(none.stdout).waves[2].planted_change).toEqual({ sat: 0, itl: 0 });
  });

  it('documents --waves in --help and refuses bad values with one line', async () => {
    const help = await rootwork(['synthetic', '--help']);
    expect(help.stdout).toContain('--waves N');
    expect(help.stdout).toContain('--no-change');
    const dir = tempDir();
    const db = path.join(dir, 'x.db');
    for (const bad of [['--waves', '0'], ['--waves', 'two'], ['--waves', '21'], ['--no-change']]) {
      const r = await rootwork(['synthetic', ...bad], { DATABASE_URL: db });
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').length).toBe(1);
      expect(r.stderr).toMatch(/--waves|--no-change/);
    }
    expect(fs.existsSync(db)).toBe(false);
  });

  it('states the generator\'s own defaults in --help (the usage text is plain text, so this keeps it true)', () => {
    const text = usage.replace(/\s+/g, ' ');
    expect(text).toContain(`the last opening on ${DEFAULT_OPTIONS.opensOn}`);
    expect(text).toContain(`about ${Math.round(DEFAULT_WAVES.dropRate * 100)}% sit a wave out, ${DEFAULT_WAVES.joinersPerWave} join`);
    expect(text).toContain(`satisfaction +${PLANTED_WAVE_CHANGE.sat} and intent to leave ${PLANTED_WAVE_CHANGE.itl} points per wave`);
    expect(text).toContain(`default ${DEFAULT_OPTIONS.orgs})`);
  });
});
