// `rootwork pipeline` as a person runs it: a real process on a real SQLite file. The
// results path on stdout, the chosen wave and progress on stderr, one line per failure.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/databases.js';
import { rootwork as runRootwork } from '../helpers/cli.js';

const dir = tempDir();
const env = { DATABASE_URL: path.join(dir, 'study.db'), CI: '1' };

const rootwork = (args: string[]) => runRootwork(args, env);

let waveId = '';
beforeAll(async () => {
  const r = await rootwork(['synthetic', '--orgs', '8', '--staff', '5..12', '--seed', '3']);
  expect(r.code).toBe(0);
  waveId = (JSON.parse(r.stdout) as { wave_id: string }).wave_id;
}, 60_000);

describe('rootwork pipeline', () => {
  it('runs the latest wave by default, says which, and prints the results path', async () => {
    const out = path.join(dir, 'out');
    const r = await rootwork(['pipeline', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(path.join(out, 'results.json'));
    expect(r.stderr).toContain(`using the most recent wave, "Wave 1" (${waveId})`);
    // Not a terminal: quiet progress lines, no bar.
    expect(r.stderr).toMatch(/Read the responses of \d+ of \d+ organizations\./);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.study.wave_id).toBe(waveId);
  }, 60_000);

  it('fails with one line and a non-zero exit on bad input', async () => {
    const cases: [string[], number, RegExp][] = [
      [['pipeline'], 2, /--out DIR is required/],
      [['pipeline', '--out', dir, '--k', '2'], 2, /--k must be at least 3/],
      [['pipeline', '--out', dir, '--k', '4'], 1, /below this wave's k of 5: k may be raised for a run, never lowered/],
      [['pipeline', '--out', dir, '--wave', 'no-such-wave'], 1, /No wave with id or name "no-such-wave"/],
    ];
    for (const [args, code, message] of cases) {
      const r = await rootwork(args);
      expect(r.code, args.join(' ')).toBe(code);
      const lines = r.stderr.trim().split('\n').filter((l) => !/most recent wave/.test(l));
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  }, 90_000);

  it('has --help', async () => {
    const r = await rootwork(['pipeline', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: rootwork pipeline --out DIR/);
  }, 30_000);
});
