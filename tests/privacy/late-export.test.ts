// Late responses and the respondent export, attacked as an analyst holding the export of
// each release: put respondents.csv before and after k or more late answers side by side,
// match rows on their content, and read the rows only the second file has — the
// newcomers', k of them in the organization but possibly one organizer of color. An
// organization's rows, once exported for a wave, stand: a later release whose rows of that
// organization changed leaves them out, so the diff gives back nothing; an organization
// first exported later is exported whole, as any organization is.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insertResponses } from '../../data/repositories/responses.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { writeExports } from '../../exchange/export/index.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../helpers/databases.js';
import { addOrganization, published, response, run, type Release } from './release-helpers.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const t of databases) await t.destroy();
});

/** respondents.csv as its header and rows (lines), without the `wave` column (one wave here), so the organization comes first. */
function csv(dir: string): { header: string[]; rows: string[] } {
  const [header, ...rows] = fs.readFileSync(path.join(dir, 'respondents.csv'), 'utf8').split('\n').filter((l) => l.length > 0);
  const columns = header.split(',');
  const wave = columns.indexOf('wave');
  const drop = (cells: string[]) => cells.filter((_, i) => i !== wave);
  expect(drop(columns)[0]).toBe('org_code');
  return { header: drop(columns), rows: rows.map((l) => drop(l.split(',')).join(',')) };
}

/** Lines of `after` not matched by a line of `before` (multiset difference). */
function newRows(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const l of before) left.set(l, (left.get(l) ?? 0) + 1);
  const out: string[] = [];
  for (const l of after) {
    const n = left.get(l) ?? 0;
    if (n > 0) left.set(l, n - 1);
    else out.push(l);
  }
  return out;
}

describe.each(DIALECTS)('the respondent export after late responses on %s', (dialect) => {
  it('two exports side by side give back no newcomer\'s row', async () => {
    const t = await createTestDatabase(dialect);
    databases.push(t);
    const db = t.handle.db;
    const { waveId } = await writeSyntheticStudy(db, { orgs: 8, staffMin: 6, staffMax: 16, seed: 36 });
    const first = await run(db, waveId);
    const out1 = tempDir();
    await writeExports(db, { waveId, outDir: out1, results: first.results });
    const file1 = csv(out1);
    const target = first.results.organizations.find((o) => o.reportable)!;
    expect(file1.rows.some((l) => l.startsWith(`${target.code},`))).toBe(true);

    // k = 5 late answers in one organization: four white organizers and one organizer of color (the target).
    const orgRow = await db.selectFrom('organizations').select('id').where('code', '=', target.code).executeTakeFirstOrThrow();
    await insertResponses(db, [
      ...Array.from({ length: 4 }, (_, i) => response(waveId, orgRow.id, { sat_1: 2 + i, itl_1: 1 + i })),
      response(waveId, orgRow.id, { race_white: 0, race_black: 1, sat_1: 7, sat_2r: 1, sat_3: 7, itl_1: 5, itl_2: 5, itl_3: 5 }),
    ]);
    // And an organization with no rows in the first export.
    const fresh = await addOrganization(db, waveId, 'FRESH');
    await insertResponses(db, Array.from({ length: 6 }, (_, i) => response(waveId, fresh, { sat_1: 1 + i })));

    const second = await run(db, waveId, { ledger: [published(first, 'r1')] });
    expect(second.results.run.checked_against).toEqual(['r1']);
    const out2 = tempDir();
    await writeExports(db, { waveId, outDir: out2, results: second.results });
    const file2 = csv(out2);
    expect(file2.header).toEqual(file1.header);

    // The attack: rows only the second file has, in organizations the first file had.
    const orgsBefore = new Set(file1.rows.map((l) => l.split(',')[0]));
    const gained = newRows(file1.rows, file2.rows);
    expect(gained.filter((l) => orgsBefore.has(l.split(',')[0]))).toEqual([]);
    // Nor do rows vanish in a way that singles anyone out: the target's rows are gone whole, the rest are the same rows.
    const lost = newRows(file2.rows, file1.rows);
    expect(new Set(lost.map((l) => l.split(',')[0]))).toEqual(new Set([target.code]));
    // Per organization × quasi-identifier class, the two files differ by 0 or at least k rows.
    const qi = file1.header.flatMap((h, i) => (h.endsWith('_suppressed') ? [i - 1, i] : []));
    const classes = (rows: string[]) => {
      const m = new Map<string, number>();
      for (const l of rows) {
        const cells = l.split(',');
        const key = [cells[0], ...qi.map((i) => cells[i])].join('|');
        m.set(key, (m.get(key) ?? 0) + 1);
      }
      return m;
    };
    const c1 = classes(file1.rows);
    const c2 = classes(file2.rows.filter((l) => orgsBefore.has(l.split(',')[0])));
    for (const key of new Set([...c1.keys(), ...c2.keys()])) {
      const d = Math.abs((c1.get(key) ?? 0) - (c2.get(key) ?? 0));
      expect(d === 0 || d >= 5, key).toBe(true);
    }
    // The organization first exported now is exported whole.
    expect(gained.filter((l) => l.startsWith('FRESH,'))).toHaveLength(6);
    // What withheld them, and why (the first release's rows stand).
    expect(second.results.disclosure.export_withheld?.map((w) => w.org_code)).toEqual([target.code]);
    expect(second.disclosure.withheld).toContainEqual(expect.objectContaining({ id: `export/respondents[${target.code}]`, rule: 'differencing', against: 'r1' }));

    // A third release, after the second was published and nothing changed: the first release's rows still stand.
    const third = await run(db, waveId, { ledger: [published(first, 'r1'), published(second, 'r2')] });
    expect(third.results.disclosure.export_withheld?.map((w) => w.org_code)).toEqual([target.code]);
    noCountUnderK(third);
  });
});

function noCountUnderK(r: Release): void {
  for (const g of r.groups.groups) expect(g.n, g.key).toBeGreaterThanOrEqual(r.groups.k);
}
