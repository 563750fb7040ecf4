// Bad input on both dialects: an empty wave, an organization without a profile, impossible
// profile numbers that came in by import, a scale nobody answered, answers out of range.
// The pipeline finishes, says what it left out and why (in results and on the console),
// and never writes NaN or divides by zero.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createWave } from '../../data/repositories/studies.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import type { Results } from '../../pipeline/results.js';
import { runPipeline } from '../../pipeline/run.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../helpers/databases.js';
import { insertResponses } from '../../data/repositories/responses.js';
import { addOrganization, response } from '../privacy/release-helpers.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const t of databases) await t.destroy();
});

async function run(t: TestDatabase, waveId: string, k?: number) {
  const log: string[] = [];
  const out = await runPipeline({ waveId, outDir: tempDir(), k }, { db: t.handle.db, log: (l) => log.push(l) });
  const text = fs.readFileSync(out.path, 'utf8');
  expect(text).not.toMatch(/NaN|Infinity/);
  return { results: JSON.parse(text) as Results, log: log.join('\n') };
}

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  it('finishes on a wave with no responses and says so', async () => {
    const t = await createTestDatabase(dialect);
    databases.push(t);
    const { studyId } = await writeSyntheticStudy(t.handle.db, { orgs: 3, staffMin: 3, staffMax: 5, seed: 4 });
    const empty = await createWave(t.handle.db, { studyId, name: 'Spring (no answers yet)' });
    const { results, log } = await run(t, empty.id);
    expect(results.participation.respondents).toBe(0);
    expect(results.omissions[0]).toMatchObject({ why: expect.stringMatching(/no responses/) });
    for (const e of [...results.measurement, ...results.confirmatory, ...results.exploratory]) {
      expect(e.estimate, e.id).toBeNull();
      expect(e.note, e.id).toMatch(/Not estimable|Suppressed/);
    }
    expect(results.participation.overall_response_rate).toBeNull();
    expect(log).toMatch(/0 responses/);
    expect(log).toMatch(/Left out .*the wave has no responses/);
  });

  it('leaves out missing profiles, impossible profile numbers, an unanswered scale and out-of-range answers, naming each', async () => {
    const t = await createTestDatabase(dialect);
    databases.push(t);
    const db = t.handle.db;
    const { waveId } = await writeSyntheticStudy(db, { orgs: 12, staffMin: 6, staffMax: 20, seed: 9 });
    const withProfiles = await db.selectFrom('org_profiles').innerJoin('organizations', 'organizations.id', 'org_profiles.organization_id')
      .select(['organizations.id', 'organizations.code']).where('wave_id', '=', waveId).orderBy('organizations.code').execute();
    const [dropped, broken] = withProfiles;
    await db.deleteFrom('org_profiles').where('organization_id', '=', dropped.id).execute();
    await db.updateTable('org_profiles').set({ sep_organizer_poc: 999, start_other_white: -2 }).where('organization_id', '=', broken.id).execute();
    await db.updateTable('responses').set({ val_1: null, val_2: null }).where('wave_id', '=', waveId).execute();
    const one = await db.selectFrom('responses').select('id').where('wave_id', '=', waveId).orderBy('id').limit(1).executeTakeFirstOrThrow();
    await db.updateTable('responses').set({ sat_1: 9 }).where('id', '=', one.id).execute();

    const { results, log } = await run(t, waveId);
    const omission = (re: RegExp) => results.omissions.filter((o) => re.test(`${o.what} ${o.why}`));
    expect(omission(new RegExp(`organization ${dropped.code} no organization profile`))).toHaveLength(1);
    expect(omission(new RegExp(`${broken.code} profile: organizer_poc: 999 separations exceed`))).toHaveLength(1);
    expect(omission(new RegExp(`${broken.code} profile: start_other_white is -2`))).toHaveLength(1);
    expect(omission(/valued_score no respondent answered enough items/)[0].count).toBe(results.participation.respondents);
    // One answer out of range: a count under k, so not released (issue #18: no number 1..k−1 anywhere).
    expect(results.missing.answers_out_of_range).toBeNull();
    expect(omission(/^answers outside/)).toHaveLength(1);

    const byId = new Map([...results.measurement, ...results.exploratory].map((e) => [e.id, e]));
    expect(byId.get('M.alpha.val')!.note).toMatch(/Not estimable/);
    expect(byId.get('E.roots.val_sat')!.note).toMatch(/Not estimable/);
    expect(byId.get('M.alpha.sat')!.estimate).not.toBeNull();

    const dOrg = results.organizations.find((o) => o.code === dropped.code)!;
    expect(dOrg).toMatchObject({ has_profile: false, poc_led: null, response_rate: null, self_assessment: null });
    const bOrg = results.organizations.find((o) => o.code === broken.code)!;
    expect(bOrg.separation_rates.organizer_poc).toBeUndefined();
    expect(bOrg.separation_rates.organizer_white).toBeDefined();

    expect(log).toContain(`no organization profile`);
    expect(log).toContain(dropped.code);
    expect(log).toMatch(/impossible profile numbers/);
    expect(log).toMatch(/M\.alpha\.val: Not estimable/);
  });

  it('refuses to lower k below the wave\'s, and may raise it', async () => {
    const t = await createTestDatabase(dialect);
    databases.push(t);
    const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 6, staffMin: 4, staffMax: 12, seed: 5, k: 5 });
    await expect(runPipeline({ waveId, outDir: tempDir(), k: 4 }, { db: t.handle.db, log: () => {} })).rejects.toThrow(/below this wave's k of 5/);
    const { results } = await run(t, waveId, 8);
    expect(results.study.k).toBe(8);
    for (const o of results.organizations) expect(o.reportable ? o.respondents! >= 8 : o.respondents === null || o.respondents === 0).toBe(true);
  });
});

describe.each(DIALECTS)('identical answers on %s', (dialect) => {
  it('handles many responses with exactly the same answers (ties in the canonical order)', async () => {
    const t = await createTestDatabase(dialect);
    databases.push(t);
    const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 8, staffMin: 5, staffMax: 10, seed: 12 });
    const org = await t.handle.db.selectFrom('organizations').select('id').orderBy('code').executeTakeFirstOrThrow();
    const { randomId } = await import('../../data/ids.js');
    const rows = Array.from({ length: 40 }, () => ({
      id: randomId(), wave_id: waveId, organization_id: org.id, received_on: '2026-10-02',
      instrument_version: 'test', lang: 'en' as const, source: 'import' as const, role: 'organizer' as const, sat_1: 5,
    }));
    await t.handle.db.insertInto('responses').values(rows).execute();
    const { results } = await run(t, waveId);
    expect(results.participation.respondents).toBeGreaterThanOrEqual(40 + 8 * 5);
  });
});

describe.each(DIALECTS)('organizations under k on %s', (dialect) => {
  it('leaves their staff out of every estimate, so results rest on the same people as the export', async () => {
    const t = await createTestDatabase(dialect);
    databases.push(t);
    const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 20, staffMin: 2, staffMax: 12, seed: 21 });
    const { results } = await run(t, waveId);
    const k = results.study.k;
    const counts = await t.handle.db
      .selectFrom('responses')
      .select(['organization_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('wave_id', '=', waveId)
      .groupBy('organization_id')
      .execute();
    const inReportable = counts.filter((c) => Number(c.n) >= k).reduce((s, c) => s + Number(c.n), 0);
    expect(counts.some((c) => Number(c.n) < k)).toBe(true);
    for (const e of [...results.measurement, ...results.confirmatory, ...results.exploratory]) {
      if (e.n !== null && !e.id.startsWith('H2') && !e.id.includes('retention')) expect(e.n, e.id).toBeLessThanOrEqual(inReportable);
    }
    // Cronbach's alpha counts respondents, so it shows the rule directly.
    const alpha = results.measurement.find((e) => e.id === 'M.alpha.sat')!;
    expect(alpha.n).toBeLessThanOrEqual(inReportable);
  });

  it('a model with more coefficients than its few organizations can inform is "not estimable", never an infinite interval', async () => {
    // Found by the release property test: 12 organizers in 3 organizations for the H5 model with
    // the four roots added (9 coefficients) gave Satterthwaite df near 0, so the t quantile was
    // infinite — or, with the rows in another order, a finite interval made of rounding.
    const t = await createTestDatabase('sqlite');
    databases.push(t);
    const db = t.handle.db;
    const { waveId } = await writeSyntheticStudy(db, { orgs: 5, staffMin: 3, staffMax: 14, seed: 99979 });
    const LOW = { org_1: 1, org_2: 1, org_3: 1, org_4: 1, mob_1: 1, mob_2: 1, mob_3: 1, mob_4: 1 };
    const x = await addOrganization(db, waveId, 'LOWX');
    await addOrganization(db, waveId, 'LOWY');
    await insertResponses(db, [
      response(waveId, x, { ...LOW, race_white: 0, race_black: 1, sat_1: 3, itl_1: 2 }),
      ...Array.from({ length: 4 }, (_, i) => response(waveId, x, { ...LOW, sat_1: 4 - (i % 2), itl_1: 3 })),
    ]);
    const { results } = await run(t, waveId, 5);
    const roots = results.exploratory.find((e) => e.id === 'E.h5_roots.cul')!;
    expect(roots.estimate).toBeNull();
    expect(roots.note).toMatch(/too few clusters carry information/);
  });
});
