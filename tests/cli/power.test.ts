// `rootwork power` as a person runs it (the built dist/: run `npm run build` first): --help,
// one clear line and exit 2 for every bad flag, a small seeded run whose figures repeat
// exactly and respond to the planted effect, and the power curve over several effects.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rootwork } from '../helpers/cli.js';
import { tempDir } from '../helpers/databases.js';

interface PowerJson {
  orgs: number;
  staff: [number, number];
  effect: number;
  sims: number;
  seed: number;
  h1_mean_hedges_g: number | null;
  tests: { hypothesis: string; test: string; headline: boolean; rejected: number; estimable: number; power: number; ci_low: number; ci_high: number }[];
}

describe('rootwork power', () => {
  it('explains itself with --help', async () => {
    const r = await rootwork(['power', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: rootwork power --orgs N --staff MIN\.\.MAX/);
    expect(r.stdout).toContain('--effect F');
  });

  it.each([
    [['--staff', '5..40'], 'rootwork power: --orgs is required: how many organizations the study would enroll, e.g. --orgs 60.'],
    [['--orgs', '60'], 'rootwork power: --staff is required: responding staff per organization, e.g. --staff 5..40.'],
    [['--orgs', '3', '--staff', '5..40'], 'rootwork power: --orgs must be at least 4, two organizations on each side of a comparison (got 3).'],
    [['--orgs', '100000', '--staff', '5..40'], 'rootwork power: --orgs must be at most 5000 (got 100000).'],
    [['--orgs', '60', '--staff', '5..5000'], 'rootwork power: --staff must be at most 2000 per organization (got 5000).'],
    [['--orgs', 'sixty', '--staff', '5..40'], 'rootwork power: --orgs must be a whole number (got "sixty").'],
    [['--orgs', '60', '--staff', '40..5'], 'rootwork power: --staff needs 1 <= MIN <= MAX (got "40..5").'],
    [['--orgs', '60', '--staff', '5..40', '--effect', 'big'], 'rootwork power: --effect must be a number from 0 to 10, a multiple of the funder study\'s planted effects (got "big").'],
    [['--orgs', '60', '--staff', '5..40', '--effect=-1'], 'rootwork power: --effect must be a number from 0 to 10, a multiple of the funder study\'s planted effects (got "-1").'],
    [['--orgs', '60', '--staff', '5..40', '--sims', '0'], 'rootwork power: --sims must be between 1 and 100000 (got 0).'],
    [['--orgs', '60', '--staff', '5..40', '--seed=-2'], 'rootwork power: --seed must be 0 or more (got -2).'],
    [['--orgs', '60', '--staff', '5..40', '--k', '2'], 'rootwork power: --k must be at least 3 (got 2).'],
    [['--orgs', '60', '--staff', '5..40', '--effect', '0,x'], 'rootwork power: --effect must be a number from 0 to 10, a multiple of the funder study\'s planted effects (got "x").'],
    [['--orgs', '60', '--staff', '5..40', '--svg', '/no/such/folder/p.svg'], 'rootwork power: --svg /no/such/folder/p.svg: its folder does not exist; create it or choose another path.'],
    [['--orgs', '60', '--staff', '5..40', '--frob'], "rootwork power: Unknown option '--frob'. See `rootwork power --help`."],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const r = await rootwork(['power', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([message]);
  });

  it('gives the same figures for the same seed, and more power for a larger effect', async () => {
    const run = async (effect: string) => {
      const r = await rootwork(['power', '--orgs', '12', '--staff', '8..20', '--sims', '6', '--seed', '5', '--effect', effect, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as PowerJson;
    };
    const a = await run('2');
    expect(await run('2')).toEqual(a);
    expect(a).toMatchObject({ orgs: 12, staff: [8, 20], effect: 2, sims: 6, seed: 5 });
    expect(new Set(a.tests.filter((t) => t.headline).map((t) => t.hypothesis))).toEqual(new Set(['H1', 'H2', 'H3', 'H4', 'H5']));
    for (const t of a.tests) {
      expect(t.power).toBe(t.rejected / 6);
      expect(t.ci_low).toBeLessThanOrEqual(t.power);
      expect(t.ci_high).toBeGreaterThanOrEqual(t.power);
    }
    const none = await run('0');
    const headlineRejections = (r: PowerJson) => r.tests.filter((t) => t.headline).reduce((s, t) => s + t.rejected, 0);
    expect(headlineRejections(a)).toBeGreaterThan(headlineRejections(none));
    expect(a.h1_mean_hedges_g!).toBeGreaterThan(none.h1_mean_hedges_g!);
  }, 120_000);

  it('draws a power curve over several effects as an accessible SVG, with JSON per effect', async () => {
    const svg = path.join(tempDir(), 'power.svg');
    const r = await rootwork(['power', '--orgs', '8', '--staff', '6..12', '--sims', '2', '--seed', '2', '--effect', '0,1.5', '--json', '--svg', svg]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as PowerJson[];
    expect(json.map((j) => j.effect)).toEqual([0, 1.5]);
    expect(r.stderr.trim()).toBe(`power: wrote the power curve to ${svg}`);
    const text = fs.readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg [^>]*role="img"/);
    expect(text).toContain('Power of H1–H5: 8 organizations, 6–12 staff each');
    expect(text).toMatch(/class="mark-line/);
  }, 60_000);

  it('prints a table by default, with progress only on a terminal (none here)', async () => {
    const r = await rootwork(['power', '--orgs', '8', '--staff', '6..12', '--sims', '2', '--seed', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Power at the 5% level: 8 organizations, 6–12 responding staff each/);
    expect(r.stdout).toMatch(/H1 +CR2 \+ Satterthwaite df \(headline\) +\d+\.\d%/);
  }, 60_000);
});
