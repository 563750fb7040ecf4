// Attacks on releases, performed as an attacker would on real databases (both dialects):
// an organization alone in its orientation type (its report against the study report's
// breakdown), two filters whose difference is one person, the same wave released at
// k = 5, 6, 7, 8, 10 with each release recorded in the ledger, and a report before and after
// one more response. Each asserts the attack recovers nothing resting on 1..k−1 people.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../data/errors.js';
import { insertResponses } from '../../data/repositories/responses.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { writeExports } from '../../exchange/export/index.js';
import type { GroupSummary, Results } from '../../pipeline/results.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../helpers/databases.js';
import { addOrganization, differingPairs, published, response, run, type Release } from './release-helpers.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const t of databases) await t.destroy();
});

async function study(dialect: (typeof DIALECTS)[number], seed: number) {
  const t = await createTestDatabase(dialect);
  databases.push(t);
  const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 8, staffMin: 6, staffMax: 16, seed });
  return { db: t.handle.db, waveId };
}

const seriesGroup = (r: Results, outcome: string, group: string): GroupSummary => r.series.outcome_by_type_race.find((s) => s.outcome === outcome)!.groups.find((g) => g.group === group)!;
const org = (r: Results, code: string) => r.organizations.find((o) => o.code === code)!;

/** The low-intensity pattern (every orientation item 1); the synthetic study of seed 34 has no low-intensity organization. */
const LOW = { org_1: 1, org_2: 1, org_3: 1, org_4: 1, mob_1: 1, mob_2: 1, mob_3: 1, mob_4: 1 };

function noNumberUnderK(r: Release): void {
  const k = r.groups.k;
  for (const g of r.groups.groups) expect(g.n, g.key).toBeGreaterThanOrEqual(k);
  expect(JSON.stringify(r.groups)).not.toMatch(/"respondent|"id"/);
  // Reasons in disclosure.json never quote a count.
  for (const w of r.disclosure.withheld) expect(w.reason, w.id).not.toMatch(/(?<!k = )\b\d+ (respondents|people|answers)\b/);
}

describe.each(DIALECTS)('release attacks on %s', (dialect) => {
  it('organization report total vs the study report\'s breakdown, for an organization alone in its orientation type', async () => {
    const { db, waveId } = await study(dialect, 34);
    const lone = await addOrganization(db, waveId, 'LONE');
    // Seven white organizers and one organizer of color, who is the target: satisfaction 7.
    const rows = Array.from({ length: 7 }, () => response(waveId, lone, { ...LOW, sat_1: 3, sat_2r: 5, sat_3: 3 }));
    rows.push(response(waveId, lone, { ...LOW, race_white: 0, race_black: 1, sat_1: 7, sat_2r: 1, sat_3: 7 }));
    await insertResponses(db, rows);
    const r = await run(db, waveId);
    expect(r.results.organizations.filter((o) => o.orientation_type === 'low').map((o) => o.code)).toEqual(['LONE']);

    // The attack: 8 × the organization's satisfaction − 7 × the "low · white" organizers' mean.
    const total = org(r.results, 'LONE').scales.satisfaction_score;
    const white = seriesGroup(r.results, 'satisfaction_score', 'low · white');
    expect(total === null || white.mean === null, 'both views published: the organizer of color is recovered').toBe(true);
    expect(white).toMatchObject({ mean: null, n: null, suppressed: true });
    expect(r.disclosure.withheld).toContainEqual(expect.objectContaining({ id: 'series/outcome_by_type_race.satisfaction_score[low · white]', rule: 'complementary' }));
    expect(r.results.disclosure.suppressed).toContainEqual(expect.objectContaining({ id: 'series/outcome_by_type_race.satisfaction_score[low · white]', rule: 'complementary' }));
    // The breakdown cell is keyed as what it is: an organization-level number.
    expect(r.groups.groups.map((g) => g.key)).toContain(`wave=${waveId};var=br_1;org=LONE;type=low`);
    expect(differingPairs(r.groups.groups, r.groups.groups, 5)).toEqual([]);
    noNumberUnderK(r);
  });

  it('two filters whose difference is one person: all staff of an organization vs its white organizers', async () => {
    const { db, waveId } = await study(dialect, 34);
    const lone = await addOrganization(db, waveId, 'SOLO');
    const rows = Array.from({ length: 8 }, () => response(waveId, lone, { ...LOW, itl_1: 2, itl_2: 2, itl_3: 2 }));
    rows.push(response(waveId, lone, { ...LOW, role: 'operations', itl_1: 5, itl_2: 5, itl_3: 5 }));
    await insertResponses(db, rows);
    const r = await run(db, waveId);
    const total = org(r.results, 'SOLO').scales.intent_to_leave_score;
    const organizers = seriesGroup(r.results, 'intent_to_leave_score', 'low · white');
    expect(total === null || organizers.mean === null).toBe(true);
    expect(differingPairs(r.groups.groups, r.groups.groups, 5)).toEqual([]);
    noNumberUnderK(r);
  });

  it('one wave released at k = 5, 6, 7, 8, 10, each recorded: suppression only grows, k never goes back', async () => {
    const { db, waveId } = await study(dialect, 33);
    const ledger = [];
    const releases: Release[] = [];
    for (const k of [5, 6, 7, 8, 10]) {
      const r = await run(db, waveId, { k, ledger: [...ledger] });
      expect(r.results.run.checked_against).toEqual(ledger.map((l) => l.releaseId));
      noNumberUnderK(r);
      for (const before of releases) {
        // Same data: everything an earlier release withheld stays withheld (an organization now under k is withheld whole and named nowhere).
        const underK = r.results.organizations.filter((o) => !o.reportable).map((o) => `org/${o.code}/`);
        for (const id of before.groups.withheld) if (!underK.some((p) => id.startsWith(p))) expect(r.groups.withheld, `${id} at k=${k}`).toContain(id);
        for (const o of r.results.organizations.filter((x) => !x.reportable)) expect(JSON.stringify([r.groups, r.disclosure])).not.toContain(o.code);
        expect(differingPairs(r.groups.groups, before.groups.groups, k)).toEqual([]);
      }
      releases.push(r);
      ledger.push(published(r, `k${k}`));
    }
    // The pooled withheld sets of all five, applied to the k = 5 release's results: every
    // value withheld anywhere is null in the last release too.
    const last = releases.at(-1)!;
    const lastWithheld = new Set(last.groups.withheld);
    const lastUnderK = last.results.organizations.filter((o) => !o.reportable).map((o) => `org/${o.code}/`);
    for (const r of releases) for (const id of r.groups.withheld) if (!lastUnderK.some((p) => id.startsWith(p))) expect(lastWithheld.has(id), id).toBe(true);
    expect(last.disclosure.information_lost.share_cells).toBeGreaterThan(releases[0].disclosure.information_lost.share_cells);
    // Lowering k after a release at 10 is refused, and nothing is written.
    const dir = tempDir();
    const { runPipeline } = await import('../../pipeline/run.js');
    const attempt = runPipeline({ waveId, outDir: dir, k: 7, ledger }, { db, log: () => {} });
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow(/below k = 10 of release k10/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('report before and after one more response: what changed by one is withheld, the export keeps the earlier rows', async () => {
    const { db, waveId } = await study(dialect, 36);
    const first = await run(db, waveId);
    const target = first.results.organizations.find((o) => o.reportable && o.scales.satisfaction_score !== null)!;
    const orgRow = await db.selectFrom('organizations').select('id').where('code', '=', target.code).executeTakeFirstOrThrow();
    await insertResponses(db, [response(waveId, orgRow.id, { sat_1: 7, sat_2r: 1, sat_3: 7, itl_1: 5, itl_2: 5, itl_3: 5 })]);
    const second = await run(db, waveId, { ledger: [published(first, 'r1')] });
    expect(second.results.run.checked_against).toEqual(['r1']);

    // The attack: n₂·m₂ − n₁·m₁ for every value both reports show. Nothing may have moved.
    const before = org(first.results, target.code);
    const after = org(second.results, target.code);
    let compared = 0;
    for (const [name, value] of Object.entries(after.scales)) {
      if (value === null || before.scales[name] === null) continue;
      compared++;
      expect(value, name).toBe(before.scales[name]);
    }
    for (const [item, b] of Object.entries(after.bridge)) if (b.mean !== null && before.bridge[item].mean !== null) expect(b.mean, item).toBe(before.bridge[item].mean);
    if (after.orientation_index !== null) expect(after.orientation_index).toBe(before.orientation_index);
    expect(compared + Object.values(after.scales).filter((v) => v === null).length).toBe(Object.keys(after.scales).length);
    expect(after.scales.satisfaction_score).toBeNull();
    expect(second.disclosure.withheld).toContainEqual(expect.objectContaining({ id: `org/${target.code}/satisfaction_score`, rule: 'differencing', against: 'r1' }));
    // Study-level views holding the newcomer are held back too: no group of the second release differs from one of the first by 1..k−1.
    expect(differingPairs(second.groups.groups, first.groups.groups, 5)).toEqual([]);
    noNumberUnderK(second);

    // respondents.csv: the organization's rows of the first release stand; the second leaves them out.
    expect(second.results.disclosure.export_withheld?.map((w) => w.org_code)).toEqual([target.code]);
    const out1 = tempDir();
    const out2 = tempDir();
    await writeExports(db, { waveId, outDir: out1, results: first.results });
    await writeExports(db, { waveId, outDir: out2, results: second.results });
    const rowsOf = (dir: string) => fs.readFileSync(path.join(dir, 'respondents.csv'), 'utf8').split('\n').filter((l) => l.includes(target.code)).length;
    expect(rowsOf(out1)).toBeGreaterThan(0);
    expect(rowsOf(out2)).toBe(0);
  });
});
