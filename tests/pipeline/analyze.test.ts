// The analyses checked against an independent recomputation from the raw rows (record-form
// scoring, classification from plain means) and against identities that must hold: with
// one binary regressor, OLS's coefficient is the difference of group means; the Poisson
// rate ratio with one binary regressor is the ratio of pooled rates.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { orientationType } from '../../pipeline/classify.js';
import type { Estimate, GroupSummary, Results } from '../../pipeline/results.js';
import { runPipeline } from '../../pipeline/run.js';
import { scoreResponse } from '../../pipeline/score.js';
import { clusteredMeanCI, meanCI, olsClustered, tCritical, tTwoSidedP } from '../../pipeline/stats/index.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../helpers/databases.js';

const close = (a: number | null, b: number, tol = 1e-9) => expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe.each(DIALECTS)('analyses on %s', (dialect) => {
  let t: TestDatabase;
  let results: Results;
  let rows: Record<string, unknown>[];
  const est = (id: string): Estimate => [...results.measurement, ...results.confirmatory, ...results.exploratory].find((e) => e.id === id)!;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 30, staffMin: 5, staffMax: 30, seed: 21 });
    // Some respondents skip half the mobilizing items: an organizing score without an index,
    // where an available-case organizing mean and the index's own mean would part.
    const some = await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', waveId).orderBy('id').limit(60).execute();
    await t.handle.db.updateTable('responses').set({ mob_1: null, mob_2: null }).where('id', 'in', some.filter((_, i) => i % 3 === 0).map((r) => r.id)).execute();
    const { path } = await runPipeline({ waveId, outDir: tempDir() }, { db: t.handle.db, log: () => {} });
    results = JSON.parse(fs.readFileSync(path, 'utf8')) as Results;
    rows = (await t.handle.db.selectFrom('responses').innerJoin('organizations', 'organizations.id', 'responses.organization_id')
      .selectAll('responses').select('organizations.code').where('wave_id', '=', waveId).execute()) as unknown as Record<string, unknown>[];
  }, 60_000);
  afterAll(async () => t?.destroy());

  it('matches an independent recomputation of organization types and the H1 groups from raw rows', () => {
    const byOrg = new Map<string, { org: number[]; mob: number[] }>();
    for (const r of rows) {
      const s = scoreResponse(r);
      if (s.orientation_index === null) continue;
      const o = byOrg.get(r.code as string) ?? { org: [], mob: [] };
      o.org.push(s.scores.organizing_score!);
      o.mob.push(s.scores.mobilizing_score!);
      byOrg.set(r.code as string, o);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const type = new Map([...byOrg].filter(([, v]) => v.org.length >= 5).map(([code, v]) => [code, orientationType(mean(v.org), mean(v.mob))]));
    for (const o of results.organizations) expect(o.orientation_type, o.code).toBe(type.get(o.code) ?? null);

    const sat = (kind: string) => rows
      .filter((r) => r.role === 'organizer' && scoreResponse(r).poc === 1 && type.get(r.code as string) === kind)
      .map((r) => scoreResponse(r).scores.satisfaction_score)
      .filter((v): v is number => v !== null);
    const [g1, g0] = est('H1.sat_diff').details!.groups as GroupSummary[];
    expect(g1.n).toBe(sat('organizing').length);
    close(g1.mean, mean(sat('organizing')));
    close(g0.mean, mean(sat('mobilizing')));
    // Group-mean intervals allow for clustering: CR2 by organization on the raw rows, wider than a t interval.
    const orgsOf = (kind: string) => rows
      .filter((r) => r.role === 'organizer' && scoreResponse(r).poc === 1 && type.get(r.code as string) === kind && scoreResponse(r).scores.satisfaction_score !== null)
      .map((r) => r.code as string);
    for (const [g, kind] of [[g1, 'organizing'], [g0, 'mobilizing']] as const) {
      const cr2 = clusteredMeanCI(sat(kind), orgsOf(kind));
      close(g.ci_low, cr2.ciLow);
      close(g.ci_high, cr2.ciHigh);
      const naive = meanCI(sat(kind));
      expect(g.ci_high! - g.ci_low!).toBeGreaterThan(naive.ciHigh - naive.ciLow);
    }
    const series = results.series.outcome_by_type_race.find((o) => o.outcome === 'satisfaction_score')!.groups.find((g) => g.group === 'organizing · poc')!;
    expect([series.mean, series.ci_low, series.ci_high]).toEqual([g1.mean, g1.ci_low, g1.ci_high]);
  });

  it('uses one definition of an organization\'s organizing and mobilizing means everywhere: over respondents with an orientation index', () => {
    const complete = new Map<string, { org: number[]; mob: number[]; orgAny: number[] }>();
    for (const r of rows) {
      const s = scoreResponse(r);
      const o = complete.get(r.code as string) ?? { org: [], mob: [], orgAny: [] };
      if (s.scores.organizing_score !== null) o.orgAny.push(s.scores.organizing_score);
      if (s.orientation_index !== null) {
        o.org.push(s.scores.organizing_score!);
        o.mob.push(s.scores.mobilizing_score!);
      }
      complete.set(r.code as string, o);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    let differsFromAvailableCase = 0;
    for (const o of results.organizations) {
      if (o.organizing_score === null) continue;
      const c = complete.get(o.code)!;
      expect(o.scales.organizing_score, o.code).toBe(o.organizing_score);
      expect(o.scales.mobilizing_score, o.code).toBe(o.mobilizing_score);
      close(o.organizing_score, mean(c.org));
      close(o.mobilizing_score, mean(c.mob));
      close(o.orientation_index, o.organizing_score - o.mobilizing_score!);
      const point = results.series.orientation_map.find((p) => p.code === o.code)!;
      expect([point.organizing_score, point.mobilizing_score]).toEqual([o.organizing_score, o.mobilizing_score]);
      if (Math.abs(mean(c.orgAny) - mean(c.org)) > 1e-9) differsFromAvailableCase += 1;
    }
    // The data include respondents with an organizing score but no index, so the rule is exercised.
    expect(differsFromAvailableCase).toBeGreaterThan(0);
  });

  it('gives the difference of group means as the H1, H3 and H4 estimates, and Welch agrees', () => {
    for (const id of ['H1.sat_diff', 'H3.itl_diff', 'H4.orientation_diff']) {
      const e = est(id);
      const [a, b] = e.details!.groups as GroupSummary[];
      close(e.estimate, a.mean! - b.mean!);
      if (id !== 'H4.orientation_diff') close(e.details!.welch_difference as number, e.estimate!);
      expect(e.p!).toBeGreaterThan(0);
      expect(e.p!).toBeLessThanOrEqual(1);
    }
  });

  it('gives the ratio of pooled separation rates as the H2 estimate, with the exact CI alongside', () => {
    const e = est('H2.sep_rate_ratio');
    const d = e.details!;
    const ratio = ((d.separations_organizing as number) / (d.mean_headcount_organizing as number)) / ((d.separations_mobilizing as number) / (d.mean_headcount_mobilizing as number));
    close(e.estimate, ratio, 1e-6);
    expect(d.exact_ci_low as number).toBeLessThan(ratio);
    expect(d.exact_ci_high as number).toBeGreaterThan(ratio);
    const organizing = results.series.separation_rates.find((g) => g.group === 'organizing')!;
    close(organizing.mean, (d.separations_organizing as number) / (d.mean_headcount_organizing as number));
  });

  it('counts n in the units each estimate rests on: separations for H2, organizations for H4 (DESIGN.md)', () => {
    const h2 = est('H2.sep_rate_ratio');
    const d2 = h2.details!;
    expect(h2.n).toBe((d2.separations_organizing as number) + (d2.separations_mobilizing as number));
    close(d2.person_years as number, (d2.mean_headcount_organizing as number) + (d2.mean_headcount_mobilizing as number));
    expect(d2.person_years as number).toBeGreaterThan(h2.n!);
    const h4 = est('H4.orientation_diff');
    const led = results.organizations.filter((o) => o.orientation_type !== null && o.poc_led !== null);
    expect(h4.n).toBe(led.length);
    expect(h4.n).toBe(h4.n_orgs);
    // The respondents behind the compared organizations, recomputed from raw rows: those with an orientation index.
    const codes = new Set(led.map((o) => o.code));
    const withIndex = rows.filter((r) => codes.has(r.code as string) && scoreResponse(r).orientation_index !== null).length;
    expect(h4.details!.respondents).toBe(withIndex);
    const table = h4.details!.type_by_leadership as Estimate;
    expect(table.n).toBe(led.length);
    expect(table.details?.respondents ?? withIndex).toBe(withIndex);
  });

  it('reports the H5 interaction as the difference of the two index slopes, with a size variant that says where size came from', () => {
    const e = est('H5.sat_interaction');
    close(e.estimate, (e.details!.slope_index_poc as number) - (e.details!.slope_index_white as number));
    const v = e.details!.with_log_size as Estimate;
    expect(v.id).toBe('H5.sat_interaction_size');
    expect((v.details!.size_from_profile_headcount as number) + (v.details!.size_from_respondents as number)).toBe(v.n_orgs);
  });

  it('sizes organizations in the H5 variant by log of the sum of mean headcounts, refitted here from raw rows and profiles', async () => {
    const v = est('H5.sat_interaction').details!.with_log_size as Estimate;
    const profiles = await t.handle.db.selectFrom('org_profiles').innerJoin('organizations', 'organizations.id', 'org_profiles.organization_id')
      .selectAll('org_profiles').select('organizations.code').where('org_profiles.status', '=', 'submitted').execute() as unknown as Record<string, unknown>[];
    const groups = ['organizer_poc', 'organizer_white', 'organizer_unknown', 'other_poc', 'other_white', 'other_unknown'];
    const size = new Map<string, number>();
    for (const p of profiles) {
      const halves = groups.map((g) => ((p[`start_${g}`] as number) + (p[`end_${g}`] as number)) / 2);
      if (halves.every((h) => Number.isFinite(h))) size.set(p.code as string, halves.reduce((a, b) => a + b, 0));
    }
    // Organization index over respondents who have one; an organization has a type (and enters H5) with k = 5 of them.
    const perOrg = new Map<string, { idx: number[]; n: number }>();
    for (const r of rows) {
      const o = perOrg.get(r.code as string) ?? { idx: [], n: 0 };
      o.n += 1;
      const s = scoreResponse(r);
      if (s.orientation_index !== null) o.idx.push(s.orientation_index);
      perOrg.set(r.code as string, o);
    }
    const y: number[] = [];
    const X: number[][] = [];
    const cl: string[] = [];
    for (const r of rows) {
      const o = perOrg.get(r.code as string)!;
      const s = scoreResponse(r);
      const sat = s.scores.satisfaction_score;
      if (o.idx.length < 5 || r.role !== 'organizer' || s.poc === null || r.tenure_years === null || sat === null) continue;
      const index = o.idx.reduce((a, b) => a + b, 0) / o.idx.length;
      y.push(sat);
      X.push([1, index, s.poc, index * s.poc, r.tenure_years as number, Math.log(size.get(r.code as string) ?? o.n)]);
      cl.push(r.code as string);
    }
    const fit = olsClustered(y, X, cl);
    expect(v.n).toBe(y.length);
    close(v.estimate, fit.cr2[3]!.estimate);
    close(v.ci_low, fit.cr2[3]!.ciLow);
    close(v.details!.log_size_coefficient as number, fit.classical[5].estimate);
    const used = new Set(cl);
    expect(v.details!.size_from_profile_headcount).toBe([...used].filter((c) => size.has(c)).length);
    expect(v.details!.size_from_profile_headcount as number).toBeGreaterThan(0);
    expect(v.method).toMatch(/log of the sum over the six staff groups of the profile's mean headcount/);
  });

  it('headlines every linear model clustered by organization with CR2 and Satterthwaite df, CR1 on G − 1 df alongside', () => {
    const h5 = est('H5.sat_interaction');
    const clustered = [est('H1.sat_diff'), est('H3.itl_diff'), h5, h5.details!.with_log_size as Estimate,
      ...results.exploratory.filter((e) => e.id.startsWith('E.bridge.') || e.id.startsWith('E.h5_roots.'))];
    expect(clustered.length).toBe(4 + 3 + 4);
    for (const e of clustered) {
      expect(e.method, e.id).toMatch(/CR2 \(Bell–McCaffrey\).*Satterthwaite degrees of freedom.*CR1.*G−1 df alongside/);
      const d = e.details!;
      const df = d.df as number;
      // The headline interval and p are the CR2 ones: estimate ± t(df)·SE_CR2, on Satterthwaite df.
      close(d.t as number, e.estimate! / (d.se_cr2 as number));
      close(e.p, tTwoSidedP(d.t as number, df));
      close(e.ci_low, e.estimate! - tCritical(df) * (d.se_cr2 as number));
      close(e.ci_high, e.estimate! + tCritical(df) * (d.se_cr2 as number));
      expect(Number.isInteger(df), `${e.id}: Satterthwaite df is not G − 1`).toBe(false);
      const orgs = e.n_orgs!;
      expect(df).toBeLessThanOrEqual(orgs);
      // CR1 stays alongside on G − 1 df.
      expect(d.cr1_df).toBe(orgs - 1);
      close(d.cr1_p as number, tTwoSidedP(e.estimate! / (d.se_cr1 as number), orgs - 1));
      expect(d.cr1_ci_low as number).toBeLessThan(e.estimate!);
    }
    const looking = results.exploratory.find((e) => e.id === 'E.looking_index_or')!;
    expect(looking.method).toMatch(/CR1 cluster-robust standard errors by organization .* z tests, not the CR2/);
  });

  it('Holm-adjusts the exploratory family together and says so', () => {
    const tested = results.exploratory.filter((e) => e.p !== null);
    const m = tested.length;
    const smallest = tested.reduce((a, b) => (a.p! <= b.p! ? a : b));
    close(smallest.p_holm!, Math.min(1, m * smallest.p!));
    for (const e of results.exploratory) expect(e.method).toMatch(/Holm-adjusted/);
  });
});

describe('a study of four organizations', () => {
  let t: TestDatabase;
  let h1: Estimate;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    // Seed 3 gives H1 two organizing- and two mobilizing-focused organizations.
    const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 7, staffMin: 15, staffMax: 40, seed: 3 });
    const { path } = await runPipeline({ waveId, outDir: tempDir() }, { db: t.handle.db, log: () => {} });
    h1 = (JSON.parse(fs.readFileSync(path, 'utf8')) as Results).confirmatory.find((e) => e.id === 'H1.sat_diff')!;
  }, 60_000);
  afterAll(async () => t?.destroy());

  it('reports the CR2 p, larger than CR1 on G − 1 df would give (the direction clubSandwich shows in tests/pipeline/stats/cr2.test.ts)', () => {
    expect(h1.n_orgs).toBe(4);
    expect(h1.p).not.toBeNull();
    const d = h1.details!;
    expect(d.cr1_df).toBe(3);
    expect(d.df as number).toBeLessThan(3);
    expect(h1.p!).toBeGreaterThan(d.cr1_p as number);
    expect(h1.ci_high! - h1.ci_low!).toBeGreaterThan((d.cr1_ci_high as number) - (d.cr1_ci_low as number));
  });
});

describe('a study whose organizers of color left only once or twice', () => {
  let t: TestDatabase;
  let h2: Estimate;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    // Seed 3 with 8 small organizations: a single separation among the compared profiles.
    const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 8, staffMin: 5, staffMax: 12, seed: 3 });
    const { path } = await runPipeline({ waveId, outDir: tempDir() }, { db: t.handle.db, log: () => {} });
    h2 = (JSON.parse(fs.readFileSync(path, 'utf8')) as Results).confirmatory.find((e) => e.id === 'H2.sep_rate_ratio')!;
  }, 60_000);
  afterAll(async () => t?.destroy());

  it('leaves H2\'s n empty rather than publish a count of 1 to k − 1 departures', () => {
    expect(h2.n_orgs === null || h2.n_orgs > 0).toBe(true);
    expect(h2.n).toBeNull();
    expect(JSON.stringify(h2)).not.toMatch(/"n":[1-4][,}]/);
  });
});

