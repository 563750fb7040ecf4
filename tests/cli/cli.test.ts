// The CLI as a person runs it: a real process, real files, one line on failure.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/connect.js';
import { tempDir } from '../helpers/databases.js';
import { rootwork } from '../helpers/cli.js';



describe('rootwork CLI', () => {
  it('lists commands with --help', async () => {
    const r = await rootwork(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['migrate', 'serve', 'demo', 'synthetic']) expect(r.stdout).toContain(c);
  });

  it('gives every command a --help', async () => {
    for (const c of ['migrate', 'serve', 'demo', 'synthetic']) {
      const r = await rootwork([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: rootwork ${c}`));
    }
  });

  it('rejects unknown commands and bad flags with one line and a non-zero exit', async () => {
    const cases = [['frobnicate'], ['synthetic', '--orgs', 'many'], ['synthetic', '--staff', '9..2'], ['migrate', '--bogus']];
    for (const args of cases) {
      const r = await rootwork(args, { DATABASE_URL: path.join(tempDir(), 'x.db') });
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^rootwork/);
    }
  });

  it('fails with one line on an unknown DATABASE_URL scheme and on an unwritable location', async () => {
    for (const url of ['mysql://localhost/x', path.join(tempDir(), 'no', 'such', 'x.db')]) {
      const r = await rootwork(['migrate'], { DATABASE_URL: url });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('runs the demo end to end without serving: links, results, reports and exports', async () => {
    const dir = tempDir();
    const r = await rootwork(['demo', '--no-serve'], { DATABASE_URL: path.join(dir, 'demo.db'), PORT: '3999' }, dir);
    expect(r.code).toBe(0);
    // A closed wave whose run is published (its reports served from the release)...
    const releaseId = /Published release of Fall 2026: ([0-9a-f-]{36})/.exec(r.stdout)?.[1];
    expect(releaseId, r.stdout).toBeDefined();
    expect(r.stdout).toContain(`http://localhost:3999/admin/releases/${releaseId}/study-report.html`);
    expect(r.stdout).toMatch(/Published organization report for ORG-\w+ \(Fall 2026, closed\): http:\/\/localhost:3999\/p\/[0-9A-Z]+\/report/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports/out/demo/release.json'), 'utf8')).release_id).toBe(releaseId);
    // ...and an open wave that takes the printed survey links.
    expect(r.stdout).toMatch(/Survey links for ORG-\w+ \(Spring 2027, open; single use\):/);
    const handle = await openDatabase(path.join(dir, 'demo.db'));
    try {
      const waves = await handle.db.selectFrom('waves').innerJoin('invites', 'invites.wave_id', 'waves.id').select(['waves.name', 'waves.status']).distinct().execute();
      expect(waves).toEqual([{ name: 'Spring 2027', status: 'open' }]);
      expect((await handle.db.selectFrom('waves').select(['name', 'status']).orderBy('name').execute())).toEqual([{ name: 'Fall 2026', status: 'closed' }, { name: 'Spring 2027', status: 'open' }]);
    } finally {
      await handle.close();
    }
    // Run again: the published wave is not published twice, and fresh links are printed.
    const again = await rootwork(['demo', '--no-serve'], { DATABASE_URL: path.join(dir, 'demo.db'), PORT: '3999' }, dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`was published already, as release ${releaseId}`);
    expect(again.stdout).toMatch(/http:\/\/localhost:3999\/s\/[0-9A-Z]{12}/);
    expect(r.stdout).toMatch(/http:\/\/localhost:3999\/s\/[0-9A-Z]{12}/);
    expect(r.stdout).toMatch(/http:\/\/localhost:3999\/p\/[0-9A-Z]+/);
    // A one-time sign-in token (rwo_): it starts one session and is then spent.
    expect(r.stdout).toMatch(/http:\/\/localhost:3999\/admin\/login\?token=rwo_/);
    // The demo's data are generated, and its results say so.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports/out/demo/results.json'), 'utf8')).run.synthetic).toBe(true);
    for (const file of ['results.json', 'study-report.html', 'exports/respondents.csv', 'exports/codebook.csv', 'exports/datapackage.json']) {
      expect(fs.existsSync(path.join(dir, 'reports/out/demo', file)), file).toBe(true);
    }
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'reports/out/demo/results.json'), 'utf8'));
    // The demo is sized so the headline analyses have groups of at least k.
    expect(results.confirmatory.every((e: { suppressed: boolean }) => !e.suppressed)).toBe(true);
  });

  it('seeds a synthetic study deterministically into a SQLite file', async () => {
    const dir = tempDir();
    const a = await rootwork(['synthetic', '--orgs', '5', '--staff', '2..6', '--seed', '9'], { DATABASE_URL: path.join(dir, 'a.db') });
    const b = await rootwork(['synthetic', '--orgs', '5', '--staff', '2..6', '--seed', '9'], { DATABASE_URL: path.join(dir, 'b.db') });
    expect(a.code).toBe(0);
    const ja = JSON.parse(a.stdout);
    expect(ja.organizations).toBe(5);
    expect(JSON.parse(b.stdout)).toEqual(ja);
  });
});
