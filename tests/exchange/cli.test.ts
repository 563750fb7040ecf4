// rootwork export and rootwork import responses, run in-process through main() against a
// real SQLite file: the files appear, the wave is named, failures are one line.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openDatabase } from '../../data/connect.js';
import type { CommandContext } from '../../cli/args.js';
import { tempDir } from '../helpers/databases.js';

function context(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = { env: { ...process.env, ...env }, out: (l) => out.push(l), err: (l) => err.push(l), interactive: false };
  return { ctx, out, err };
}

describe('rootwork export / import', () => {
  const dir = tempDir('rootwork-cli-export-');
  const env = { DATABASE_URL: path.join(dir, 'a.db') };
  let waveId: string;

  beforeAll(async () => {
    const s = context(env);
    expect(await main(['synthetic', '--orgs', '6', '--staff', '6..20', '--seed', '5'], s.ctx)).toBe(0);
    waveId = (JSON.parse(s.out[0]) as { wave_id: string }).wave_id;
    // Exports come only from a published release of a closed wave.
    expect(await main(['admin', 'close-wave', '--wave', waveId], context(env).ctx)).toBe(0);
    const p = context(env);
    expect(await main(['pipeline', '--out', path.join(dir, 'run'), '--publish'], p.ctx), p.err.join('\n')).toBe(0);
  }, 60_000);

  it('exports the latest wave by default, says which, prints the files and the disclosure line', async () => {
    const c = context(env);
    const out = path.join(dir, 'out');
    expect(await main(['export', '--out', out, '--excel'], c.ctx)).toBe(0);
    expect(c.err.join('\n')).toContain(`exporting the most recent wave, "Wave 1" (${waveId})`);
    expect(c.err.some((l) => /^Disclosure \(k=5\): respondents\.csv \d+ rows/.test(l))).toBe(true);
    // Not a terminal: progress comes as a plain line at each quarter of the organizations.
    const progress = c.err.filter((l) => l.startsWith('Writing exports: '));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toMatch(/^Writing exports: (\d+) of \1 organizations\.$/);
    const csvs = ['codebook.csv', 'extract-h1-h3.csv', 'extract-h5.csv', 'organizations.csv', 'respondents-all-waves.csv', 'respondents.csv', 'results.csv'];
    expect(c.out.map((f) => path.relative(out, f)).sort()).toEqual([...csvs, 'datapackage.json', 'disclosure.json', ...csvs.map((f) => `excel/${f}`), 'rootwork.R', 'rootwork.do', 'rootwork.sps'].sort());
    expect(fs.readFileSync(path.join(out, 'excel', 'respondents.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);
  });

  it('imports a file into a wave and refuses a bad one with one line, a report of every problem, and nothing written', async () => {
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'org_code,role,sat_1\n' + (await orgCode()) + ',organizer,5\n');
    const c = context(env);
    expect(await main(['import', 'responses', good, '--wave', waveId], c.ctx)).toBe(0);
    expect(JSON.parse(c.out[0])).toEqual({ wave_id: waveId, imported: 1 });

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'org_code,role,sat_1\nORG-NOPE00,organizer,5\nORG-NOPE01,boss,9\n');
    const b = context(env);
    expect(await main(['import', 'responses', bad, '--wave', waveId], b.ctx)).toBe(1);
    expect(b.err.at(-1)).toMatch(/^rootwork import: .*bad\.csv: 4 problem\(s\) in 2 row\(s\), nothing imported \(every problem is listed in .*bad\.csv\.errors\.csv\)/);
    const report = fs.readFileSync(`${bad}.errors.csv`, 'utf8').trim().split('\r\n');
    expect(report[0]).toBe('row,column,value,problem');
    expect(report.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['2,org_code,ORG-NOPE00', '3,org_code,ORG-NOPE01', '3,role,boss', '3,sat_1,9']);
    const handle = await openDatabase(env.DATABASE_URL);
    try {
      const imported = await handle.db.selectFrom('responses').select('sat_1').where('source', '=', 'import').execute();
      expect(imported).toEqual([{ sat_1: 5 }]);
    } finally {
      await handle.close();
    }
  });

  it('refuses, in one line, a wave with no published release, another k than the release\'s, and data changed since the release', async () => {
    const other = context(env);
    expect(await main(['synthetic', '--orgs', '3', '--staff', '5..6', '--seed', '6', '--name', 'Unpublished'], other.ctx)).toBe(0);
    const unpublished = (JSON.parse(other.out[0]) as { wave_id: string }).wave_id;
    const cases: [string[], RegExp][] = [
      [['export', '--out', path.join(dir, 'x1'), '--wave', unpublished], /^rootwork export: Wave "Wave 1" has no published release, and exports come only from one: after the wave closes, run `rootwork pipeline --out DIR --wave .* --publish`, then export\.$/],
      [['export', '--out', path.join(dir, 'x2'), '--wave', waveId, '--k', '7'], /^rootwork export: Release .* was published at k = 5, and exports are written at the release's k: to export at k = 7, run and publish the pipeline with --k 7 first\.$/],
      // The import test above added a response to the published wave after its release.
      [['export', '--out', path.join(dir, 'x3'), '--wave', waveId], /^rootwork export: The data of wave "Wave 1" changed after release .* was published \(a late response, an import or a profile edit\): rerun the pipeline and publish it, then export\.$/],
    ];
    for (const [args, message] of cases) {
      const c = context(env);
      expect(await main(args, c.ctx), args.join(' ')).toBe(1);
      expect(c.err.filter((l) => !l.startsWith('rootwork: exporting the most recent') && !l.startsWith('Exporting'))).toHaveLength(1);
      expect(c.err.at(-1)).toMatch(message);
      expect(fs.existsSync(args[2])).toBe(false);
    }
  });

  it('fails with one line and exit 2 on usage mistakes', async () => {
    const cases: [string[], RegExp][] = [
      [['export'], /--out DIR is required/],
      [['export', '--out', dir, '--k', '2'], /--k must be at least 3/],
      [['import'], /say what to import/],
      [['import', 'profiles', 'x.csv', '--wave', 'w'], /say what to import.*got "profiles"/],
      [['import', 'responses', '--wave', 'w'], /give the CSV file/],
      [['import', 'responses', 'x.csv'], /--wave W is required/],
    ];
    for (const [args, message] of cases) {
      const c = context(env);
      expect(await main(args, c.ctx), args.join(' ')).toBe(2);
      expect(c.err).toHaveLength(1);
      expect(c.err[0]).toMatch(message);
    }
  });

  it('fails with one line and exit 1 on a bad mapping file or an unknown wave', async () => {
    const map = path.join(dir, 'map.json');
    fs.writeFileSync(map, '{"columns": {"Q1": 3}}');
    const cases: [string[], RegExp][] = [
      [['import', 'responses', 'x.csv', '--wave', waveId, '--map', map], /not a valid mapping: columns\.Q1/],
      [['import', 'responses', 'x.csv', '--wave', waveId, '--map', path.join(dir, 'none.json')], /Cannot read the mapping file/],
      [['export', '--out', dir, '--wave', 'no-such-wave'], /No wave with id or name "no-such-wave"/],
    ];
    for (const [args, message] of cases) {
      const c = context(env);
      expect(await main(args, c.ctx), args.join(' ')).toBe(1);
      expect(c.err).toHaveLength(1);
      expect(c.err[0]).toMatch(message);
    }
  });

  async function orgCode(): Promise<string> {
    const text = fs.readFileSync(path.join(dir, 'out', 'organizations.csv'), 'utf8').replace(/^\uFEFF/, '');
    return text.split('\r\n')[1].split(',')[0];
  }
});
