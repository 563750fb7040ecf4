// --wave, the same in every command that takes it: a wave's id or its name (--study narrows a
// name), an unknown wave or a name two studies share refused in one line with a non-zero
// exit. Run in-process through the real CLI entry (main) on a SQLite file holding two
// synthetic studies whose waves are both named "Wave 1".
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli } from '../helpers/cli-in-process.js';

const { dir, rootwork } = inProcessCli('rootwork-cli-wave-', 'two-studies.db');

/** One stderr line, exit `code`, matching `message`. */
async function fails(argv: string[], code: number, message: RegExp) {
  const r = await rootwork(...argv);
  expect(r.code, argv.join(' ')).toBe(code);
  expect(r.err, argv.join(' ')).toHaveLength(1);
  expect(r.err[0], argv.join(' ')).toMatch(message);
}

const waves: Record<'A' | 'B', string> = { A: '', B: '' };
let ambiguous: RegExp;

beforeAll(async () => {
  for (const [study, seed] of [['A', '11'], ['B', '12']] as const) {
    const r = await rootwork('synthetic', '--orgs', '6', '--staff', '5..10', '--seed', seed, '--name', `Study ${study}`);
    expect(r.code).toBe(0);
    waves[study] = (JSON.parse(r.out[0]) as { wave_id: string }).wave_id;
  }
  ambiguous = new RegExp(`2 waves are named "Wave 1": ${waves.A} \\(study "Study A"\\), ${waves.B} \\(study "Study B"\\)\\. Give the wave's id, or its study with --study\\.$`);
}, 60_000);

const waveOf = (outDir: string) => (JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8')) as { study: { wave_id: string } }).study.wave_id;

describe('--wave in rootwork pipeline', () => {
  it('takes a wave id', async () => {
    const out = path.join(dir, 'p-id');
    const r = await rootwork('pipeline', '--out', out, '--wave', waves.A);
    expect(r.code).toBe(0);
    expect(waveOf(out)).toBe(waves.A);
  }, 60_000);

  it('takes a wave name, with --study when two studies use it', async () => {
    const out = path.join(dir, 'p-name');
    const r = await rootwork('pipeline', '--out', out, '--wave', 'Wave 1', '--study', 'Study B');
    expect(r.code).toBe(0);
    expect(waveOf(out)).toBe(waves.B);
  }, 60_000);

  it('refuses an unknown wave, a shared name, and a wave of another study, in one line', async () => {
    const out = path.join(dir, 'p-bad');
    await fails(['pipeline', '--out', out, '--wave', 'Spring 2031'], 1, /^rootwork pipeline: No wave with id or name "Spring 2031": list waves with `rootwork admin list-waves`\.$/);
    await fails(['pipeline', '--out', out, '--wave', 'Wave 1'], 1, ambiguous);
    await fails(['pipeline', '--out', out, '--wave', waves.A, '--study', 'Study B'], 1, /The wave .* belongs to another study/);
    await fails(['pipeline', '--out', out, '--wave', 'Wave 1', '--study', 'Study C'], 1, /No study with id or name "Study C"/);
    await fails(['pipeline', '--out', out, '--study', 'Study A'], 2, /pipeline: --study narrows --wave's name to one study; give --wave W too/);
    await fails(['pipeline', '--out', out, '--wave', ' '], 2, /pipeline: --wave needs a value/);
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);
});

describe('--wave in rootwork export', () => {
  // Exports come only from a published release: both waves are closed and published first.
  beforeAll(async () => {
    for (const wave of [waves.A, waves.B]) {
      expect((await rootwork('admin', 'close-wave', '--wave', wave)).code).toBe(0);
      const r = await rootwork('pipeline', '--out', path.join(dir, `published-${wave}`), '--wave', wave, '--publish');
      expect(r.code, r.err.join('\n')).toBe(0);
    }
  }, 90_000);

  it('takes a wave id or a name with its study', async () => {
    for (const [args, wave] of [[['--wave', waves.B], waves.B], [['--wave', 'Wave 1', '--study', 'Study A'], waves.A]] as const) {
      const out = path.join(dir, `e-${wave}`);
      const r = await rootwork('export', '--out', out, ...args);
      expect(r.code, args.join(' ')).toBe(0);
      const disclosure = JSON.parse(fs.readFileSync(path.join(out, 'disclosure.json'), 'utf8')) as { wave_id: string };
      expect(disclosure.wave_id).toBe(wave);
    }
  }, 90_000);

  it('refuses an unknown wave and a shared name in one line', async () => {
    const out = path.join(dir, 'e-bad');
    await fails(['export', '--out', out, '--wave', 'Spring 2031'], 1, /^rootwork export: No wave with id or name "Spring 2031"/);
    await fails(['export', '--out', out, '--wave', 'Wave 1'], 1, ambiguous);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('--wave in rootwork import and rootwork admin', () => {
  it('imports into a wave given by name and study, and refuses a shared name or none', async () => {
    const csv = path.join(dir, 'paper.csv');
    const orgs = await rootwork('admin', 'list-orgs', '--study', 'Study A');
    const code = orgs.out[0].split('\n')[1].split('\t')[0];
    fs.writeFileSync(csv, `org_code,role,sat_1\n${code},organizer,4\n`);
    const r = await rootwork('import', 'responses', csv, '--wave', 'Wave 1', '--study', 'Study A');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0])).toEqual({ wave_id: waves.A, imported: 1 });
    expect(r.err.at(-1)).toContain(`into wave "Wave 1" (${waves.A})`);
    await fails(['import', 'responses', csv, '--wave', 'Wave 1'], 1, ambiguous);
    await fails(['import', 'responses', csv], 2, /^rootwork import: --wave W is required: the wave's id or name/);
  });

  it('resolves admin subcommands\' --wave the same way', async () => {
    const byName = await rootwork('admin', 'participation', '--wave', 'Wave 1', '--study', 'Study B', '--json');
    expect(byName.code).toBe(0);
    expect(JSON.parse(byName.out[0]).wave_id).toBe(waves.B);
    const byId = await rootwork('admin', 'participation', '--wave', waves.A, '--json');
    expect(JSON.parse(byId.out[0]).wave_id).toBe(waves.A);
    await fails(['admin', 'participation', '--wave', 'Wave 1'], 1, ambiguous);
    await fails(['admin', 'raise-k', '--wave', 'Spring 2031', '--k', '7'], 1, /No wave with id or name "Spring 2031"/);
    await fails(['admin', 'participation'], 2, /^rootwork admin participation: --wave W is required/);
  });
});

describe('k on the command line', () => {
  it('is never below the smallest k Rootwork allows, in every command that takes --k', async () => {
    for (const command of [['pipeline', '--out', path.join(dir, 'k')], ['export', '--out', path.join(dir, 'k')], ['synthetic']]) {
      await fails([...command, '--k', '2'], 2, new RegExp(`^rootwork ${command[0]}: --k must be at least 3 \\(got 2\\)\\.$`));
    }
  });
});
