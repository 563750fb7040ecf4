// `rootwork demo` as a person runs it (moved here from cli.test.ts, and extended for #21):
// two closed waves with synthetic answers, published one after the other, so the latest
// one's study report has the change since the earlier wave; an open wave that takes the
// printed survey links; run again, nothing is published twice.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/connect.js';
import { tempDir } from '../helpers/databases.js';
import { rootwork } from '../helpers/cli.js';

const UUID = '([0-9a-f-]{36})';
// The trends computation (pipeline/trends/, #21) writes `trends` into every results.json;
// until it is part of the build, results carry no trends and the reports show none.
const PIPELINE_HAS_TRENDS = fs.existsSync(path.resolve('pipeline/trends'));

describe('rootwork demo', () => {
  it('runs end to end without serving: two published waves, links, results, reports with trends, exports', async () => {
    const dir = tempDir();
    const r = await rootwork(['demo', '--no-serve'], { DATABASE_URL: path.join(dir, 'demo.db'), PORT: '3999' }, dir);
    expect(r.code, r.stderr).toBe(0);
    // Two closed waves whose runs are published, the earlier first...
    const earlierId = new RegExp(`Published release of Fall 2025: ${UUID}`).exec(r.stdout)?.[1];
    const releaseId = new RegExp(`Published release of Fall 2026: ${UUID}`).exec(r.stdout)?.[1];
    expect(earlierId, r.stdout).toBeDefined();
    expect(releaseId, r.stdout).toBeDefined();
    expect(r.stdout.indexOf('Published release of Fall 2025')).toBeLessThan(r.stdout.indexOf('Published release of Fall 2026'));
    expect(r.stdout).toContain(`http://localhost:3999/admin/releases/${releaseId}/study-report.html`);
    expect(r.stdout).toMatch(/Published organization report for ORG-\w+ \(Fall 2026, closed\): http:\/\/localhost:3999\/p\/[0-9A-Z]+\/report/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports/out/demo/release.json'), 'utf8')).release_id).toBe(releaseId);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports/out/demo-fall-2025/release.json'), 'utf8')).release_id).toBe(earlierId);
    // ...and an open wave that takes the printed survey links.
    expect(r.stdout).toMatch(/Survey links for ORG-\w+ \(Spring 2027, open; single use\):/);
    const handle = await openDatabase(path.join(dir, 'demo.db'));
    try {
      const db = handle.db;
      const waves = await db.selectFrom('waves').innerJoin('invites', 'invites.wave_id', 'waves.id').select(['waves.name', 'waves.status']).distinct().execute();
      expect(waves).toEqual([{ name: 'Spring 2027', status: 'open' }]);
      expect(await db.selectFrom('waves').select(['name', 'status']).orderBy('opens_on').execute()).toEqual([
        { name: 'Fall 2025', status: 'closed' },
        { name: 'Fall 2026', status: 'closed' },
        { name: 'Spring 2027', status: 'open' },
      ]);
      const released = await db.selectFrom('releases').innerJoin('waves', 'waves.id', 'releases.wave_id').select(['releases.id', 'waves.name']).orderBy('releases.seq').execute();
      expect(released).toEqual([{ id: earlierId, name: 'Fall 2025' }, { id: releaseId, name: 'Fall 2026' }]);
      // Mostly the same organizations answered in both closed waves (some may leave or join).
      const answered = await db.selectFrom('responses').innerJoin('waves', 'waves.id', 'responses.wave_id').select(['waves.name', 'responses.organization_id']).distinct().execute();
      const orgsIn = (wave: string) => new Set(answered.filter((a) => a.name === wave).map((a) => a.organization_id));
      const [before, after] = [orgsIn('Fall 2025'), orgsIn('Fall 2026')];
      expect(before.size).toBe(60);
      expect([...after].filter((o) => before.has(o)).length).toBeGreaterThanOrEqual(45);
      expect(orgsIn('Spring 2027').size).toBe(0);
    } finally {
      await handle.close();
    }
    // Run again: nothing is published twice, and fresh links are printed.
    const again = await rootwork(['demo', '--no-serve'], { DATABASE_URL: path.join(dir, 'demo.db'), PORT: '3999' }, dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`was published already, as release ${releaseId}`);
    expect(again.stdout).not.toContain('Published release of Fall 2025');
    expect(again.stdout).toMatch(/http:\/\/localhost:3999\/s\/[0-9A-Z]{12}/);
    expect(r.stdout).toMatch(/http:\/\/localhost:3999\/s\/[0-9A-Z]{12}/);
    expect(r.stdout).toMatch(/http:\/\/localhost:3999\/p\/[0-9A-Z]+/);
    // A one-time sign-in token (rwo_): it starts one session and is then spent.
    expect(r.stdout).toMatch(/http:\/\/localhost:3999\/admin\/login\?token=rwo_/);
    // The demo's data are generated, and its results say so.
    const out = path.join(dir, 'reports/out/demo');
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.run.synthetic).toBe(true);
    for (const file of ['results.json', 'study-report.html', 'exports/respondents.csv', 'exports/codebook.csv', 'exports/datapackage.json']) {
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    }
    // The demo is sized so the headline analyses have groups of at least k.
    expect(results.confirmatory.every((e: { suppressed: boolean }) => !e.suppressed)).toBe(true);

    // The latest wave's results compare it with the earlier one, and its study report says how it changed.
    const html = fs.readFileSync(path.join(out, 'study-report.html'), 'utf8');
    const earlier = JSON.parse(fs.readFileSync(path.join(dir, 'reports/out/demo-fall-2025/results.json'), 'utf8'));
    if (PIPELINE_HAS_TRENDS) {
      expect(earlier.trends).toBeNull();
      expect(results.trends.waves.map((w: { name: string }) => w.name)).toEqual(['Fall 2025', 'Fall 2026']);
      expect(results.trends.series.length).toBeGreaterThan(0);
      expect(html).toContain('<section id="trends"><h2>Change since the last wave</h2>');
      expect(html).toMatch(/data-verdict="(higher|lower|about the same)"/);
      expect(html).toContain('data-chart="trend-confirmatory"');
    } else {
      expect(results.trends ?? null).toBeNull();
      expect(html).not.toContain('id="trends"');
    }
  });
});
