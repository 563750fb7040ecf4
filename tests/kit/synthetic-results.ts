// A seeded, synthetic results.json shaped like the pipeline's output, for the report
// benchmark (thousands of organizations without a database) and for property tests.
// With `leaks`, it also plants values a careless pipeline might let through (groups under
// k not flagged, survival tails with few at risk), each labelled LEAK so tests can prove
// the reports' own guard drops them.
import { createRng, type Rng } from '../../data/synthetic/rng.js';
import type { Estimate, GroupSummary, OrganizationSummary, OrientationType, Results, SurvivalCurve } from '../../pipeline/results.js';

export interface SyntheticResultsOptions {
  orgs: number;
  staffMin: number;
  staffMax: number;
  k: number;
  seed: number;
  leaks?: boolean;
}

const TYPES: OrientationType[] = ['organizing', 'mobilizing', 'integrated', 'low'];
const STAFF_GROUPS = ['organizer_poc', 'organizer_white', 'organizer_unknown', 'other_poc', 'other_white', 'other_unknown'];
const SCALES = ['satisfaction_score', 'intent_to_leave_score', 'culture_score', 'leadership_cb_score', 'decision_score', 'valued_score'];

const r2 = (x: number) => Math.round(x * 1000) / 1000;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function classify(index: number, org: number, mob: number): OrientationType {
  if (index >= 0.5 - 1e-9) return 'organizing';
  if (index <= -0.5 + 1e-9) return 'mobilizing';
  return org >= 3.5 && mob >= 3.5 ? 'integrated' : 'low';
}

function estimate(rng: Rng, id: string, label: string, population: string, confirmatory: boolean, scale: string, center: number, k: number): Estimate {
  const n = rng.int(k * 4, k * 60);
  const se = 0.05 + rng.uniform() * 0.3;
  const est = scale === 'ratio' ? Math.exp(rng.normal(Math.log(center), 0.2)) : rng.normal(center, 0.25);
  const lo = scale === 'ratio' ? est * Math.exp(-1.96 * se) : est - 1.96 * se;
  const hi = scale === 'ratio' ? est * Math.exp(1.96 * se) : est + 1.96 * se;
  const p = clamp(Math.exp(-Math.abs(scale === 'ratio' ? Math.log(est) : est) / se), 0.00001, 1);
  return {
    id, label, population, n, n_orgs: rng.int(3, 40), estimate: r2(est), ci_low: r2(lo), ci_high: r2(hi), p: r2(p) || 0.0001,
    method: 'synthetic', confirmatory, suppressed: false, scale, ...(confirmatory ? {} : { p_holm: r2(Math.min(1, p * 4)) }),
  };
}

function group(rng: Rng, label: string, k: number, mean: number, leaks: boolean): GroupSummary {
  const n = rng.int(0, k * 12);
  if (n >= k) return { group: label, n, n_orgs: rng.int(1, 20), mean: r2(mean), ci_low: r2(mean - 0.3), ci_high: r2(mean + 0.3), suppressed: false };
  if (leaks) return { group: `LEAK ${label}`, n, n_orgs: 1, mean: r2(mean), ci_low: r2(mean - 1), ci_high: r2(mean + 1), suppressed: false };
  return { group: label, n: null, n_orgs: null, mean: null, ci_low: null, ci_high: null, suppressed: true };
}

function curve(rng: Rng, label: string, k: number, leaks: boolean): SurvivalCurve {
  const n = rng.int(k * 2, k * 40);
  const points: SurvivalCurve['points'] = [];
  let atRisk = n;
  let s = 1;
  for (let t = 0; t <= 12 && atRisk > 0; t += 1) {
    if (atRisk < k && !leaks) break;
    points.push({ time: t, survival: r2(s), ci_low: r2(Math.max(0, s - 0.1)), ci_high: r2(Math.min(1, s + 0.1)), at_risk: atRisk });
    s *= 0.75 + rng.uniform() * 0.2;
    atRisk = Math.floor(atRisk * (0.5 + rng.uniform() * 0.3));
  }
  return { group: label, n, events: Math.floor(n / 3), suppressed: false, points };
}

export function syntheticResults(o: SyntheticResultsOptions): Results {
  const rng = createRng(o.seed);
  const { k } = o;
  const leaks = o.leaks ?? false;
  const organizations: OrganizationSummary[] = [];
  for (let i = 0; i < o.orgs; i++) {
    const respondents = rng.int(o.staffMin, o.staffMax);
    const reportable = respondents >= k;
    const code = `${reportable ? 'ORG' : leaks ? 'LEAKORG' : 'ORG'}${String(i + 1).padStart(4, '0')}`;
    const pocLed = rng.chance(0.1) ? null : rng.chance(0.5);
    const orgS = clamp(rng.normal(3.6, 0.5), 1, 5);
    const mobS = clamp(rng.normal(3.4, 0.5), 1, 5);
    const index = orgS - mobS;
    const hasProfile = rng.chance(0.8);
    const counts = () => {
      const c = [0, 0, 0, 0, 0];
      for (let j = 0; j < respondents; j++) c[rng.pick([0, 1, 2, 3, 4], [1, 2, 3, 4, 3])] += 1;
      return c;
    };
    organizations.push({
      code,
      respondents,
      reportable,
      has_profile: hasProfile,
      poc_led: pocLed,
      orientation_index: reportable ? r2(index) : null,
      organizing_score: reportable ? r2(orgS) : null,
      mobilizing_score: reportable ? r2(mobS) : null,
      orientation_type: reportable ? classify(index, orgS, mobS) : null,
      orientation_percentile: null,
      response_rate: reportable ? r2(clamp(rng.uniform(), 0.2, 1)) : null,
      scales: Object.fromEntries(SCALES.map((s) => [s, reportable ? r2(clamp(rng.normal(s.startsWith('sat') ? 4.8 : 3.3, 0.6), 1, s.startsWith('sat') ? 7 : 5)) : null])),
      bridge: Object.fromEntries(['br_1', 'br_2', 'br_3'].map((b) => {
        const c = reportable ? counts() : null;
        return [b, { mean: c ? r2(c.reduce((a, x, j) => a + x * (j + 1), 0) / respondents) : null, counts: c }];
      })),
      separation_rates: hasProfile
        ? Object.fromEntries(STAFF_GROUPS.map((g) => {
            const hc = rng.int(0, 12);
            const sep = hc === 0 ? 0 : rng.int(0, Math.ceil(hc / 2));
            return [g, { separations: sep, mean_headcount: hc, rate: hc === 0 ? null : r2(sep / hc) }];
          }))
        : {},
      self_assessment: hasProfile
        ? { organizing_score: r2(clamp(orgS + rng.normal(0.3, 0.3), 1, 5)), mobilizing_score: r2(clamp(mobS + rng.normal(0, 0.3), 1, 5)), bridge: { br_1: rng.int(1, 5), br_2: rng.int(1, 5), br_3: rng.int(1, 5) } }
        : null,
      suppressed: reportable ? [] : ['all staff-derived values: fewer than k respondents'],
    });
  }
  // The organization report's fields (comparisons, breakdowns, withheld list), derived without
  // the random stream so every other figure stays as it was.
  for (const [i, x] of organizations.entries()) if (x.reportable) addReportFields(x, i);
  const rep = organizations.filter((x) => x.reportable);
  const sorted = rep.map((x) => x.orientation_index as number).sort((a, b) => a - b);
  for (const x of rep) {
    const below = sorted.filter((v) => v < (x.orientation_index as number)).length;
    const equal = sorted.filter((v) => v === x.orientation_index).length;
    x.orientation_percentile = Math.round((100 * (below + equal / 2)) / sorted.length);
  }
  const respondents = organizations.reduce((a, x) => a + (x.respondents ?? 0), 0);
  const confirmatory = [
    estimate(rng, 'H1.sat_diff', 'Satisfaction, organizing minus mobilizing-focused', 'organizers of color', true, 'difference', 0.5, k),
    estimate(rng, 'H2.sep_rate_ratio', 'Separation rate ratio, organizing / mobilizing-focused', 'organizers of color', true, 'ratio', 0.7, k),
    estimate(rng, 'H3.itl_diff', 'Intent to leave, organizing minus mobilizing-focused', 'organizers of color', true, 'difference', -0.3, k),
    estimate(rng, 'H4.orientation_diff', 'Orientation index, POC-led minus white-led', 'organizations', true, 'difference', 0.6, k),
    estimate(rng, 'H5.sat_interaction', 'Orientation × person of color, satisfaction', 'organizers', true, 'coefficient', 0.2, k),
  ];
  if (leaks) {
    // A pipeline note that names a group's size under k, as a real one might.
    Object.assign(confirmatory[1], { estimate: null, ci_low: null, ci_high: null, p: null, note: `a group it needs has ${k - 1} respondent(s), fewer than k = ${k}` });
  }
  const roots = [
    ['culture', 'Culture and belonging'], ['leadership_cb', 'Leadership commitment to community building'],
    ['decision', 'Inclusive decision making'], ['valued', 'Organizing valued as much as other programs'],
  ].map(([id, label]) => estimate(rng, `roots.${id}`, label, 'all staff', false, 'correlation', 0.3, k));
  const exploratory = [
    ...roots,
    ...['br_1', 'br_2', 'br_3'].map((b) => estimate(rng, `bridge.${b}`, `Bridge question ${b.slice(3)} and satisfaction`, 'organizers', false, 'correlation', 0.1, k)),
  ];
  const measurement = ['organizing_score', 'mobilizing_score', 'satisfaction_score', 'intent_to_leave_score'].flatMap((s) => [
    { ...estimate(rng, `alpha.${s}`, `Cronbach's alpha, ${s.replace(/_/g, ' ')}`, 'all staff', false, 'alpha', 0.8, k), p: null, p_holm: null },
  ]).concat([
    { ...estimate(rng, 'icc1.orientation_index', 'ICC(1), orientation index', 'organizations', false, 'icc', 0.2, k), p: null, p_holm: null },
    { ...estimate(rng, 'icc2.orientation_index', 'ICC(2), orientation index', 'organizations', false, 'icc', 0.7, k), p: null, p_holm: null },
    { ...estimate(rng, 'rwg.orientation_index', 'Median rwg(j), orientation index', 'organizations', false, 'rwg', 0.8, k), p: null, p_holm: null },
  ]);
  const outcomeGroups = (mean: number) =>
    TYPES.flatMap((t) => ['organizers of color', 'white organizers'].map((race) => group(rng, `${t}-focused, ${race}`, k, mean + rng.normal(0, 0.4), leaks)));
  const seps = ['Organizers of color', 'White organizers', 'Other staff'].map((g) => {
    const x = group(rng, g, k, 0.2, leaks);
    return x.mean === null ? x : { ...x, mean: r2(clamp(rng.uniform() * 0.4, 0.01, 1)), ci_low: 0.01, ci_high: 0.5 };
  });
  const suppressedIds = [...confirmatory, ...exploratory].filter((e) => e.suppressed).map((e) => ({ id: e.id, reason: 'group under k', rule: 'primary' as const }));
  const nonRep = organizations.length - rep.length;
  return {
    study: { study_name: 'Synthetic study', wave_id: `wave-${o.seed}`, wave_name: 'Synthetic wave', k, thresholds: { organizing: 0.5, mobilizing: -0.5, integrated_mean: 3.5, tolerance: 1e-9 }, instrument_versions: ['1'] },
    participation: {
      respondents,
      organizations: organizations.length,
      organizations_reportable: rep.length,
      organizations_with_profile: organizations.filter((x) => x.has_profile).length,
      overall_response_rate: 0.61,
      by_organization: organizations.map((x) => ({
        code: x.code,
        respondents: x.reportable || leaks ? x.respondents : null,
        headcount: x.reportable ? Math.ceil((x.respondents ?? 0) / (x.response_rate ?? 1)) : null,
        response_rate: x.reportable ? x.response_rate : leaks ? 0.5 : null,
        suppressed: !x.reportable && !leaks,
      })),
    },
    missing: { race_missing: Math.floor(respondents * 0.05), race_declined: Math.floor(respondents * 0.03), scale_missing: { satisfaction_score: 3, intent_to_leave_score: 4 } },
    measurement,
    confirmatory,
    exploratory,
    series: {
      orientation_map: organizations.map((x) => ({
        code: x.code,
        organizing_score: x.organizing_score ?? 3,
        mobilizing_score: x.mobilizing_score ?? 3,
        poc_led: x.poc_led,
        orientation_type: x.orientation_type ?? 'low',
      })).filter((_, i) => leaks || organizations[i].reportable),
      outcome_by_type_race: [
        { outcome: 'satisfaction_score', groups: outcomeGroups(4.8) },
        { outcome: 'intent_to_leave_score', groups: outcomeGroups(2.6) },
      ],
      separation_rates: seps,
      survival: [curve(rng, 'Organizers of color', k, leaks), curve(rng, 'White organizers', k, leaks)],
      roots,
    },
    organizations,
    omissions: [
      ...(nonRep > 0 ? [{ what: 'organization reports', why: `fewer than ${k} respondents`, count: nonRep }] : []),
      // As the pipeline reports them: respondent counts that may be under k.
      { what: 'race', why: `no race answer (${k - 1} declined, 1 blank)`, count: k > 3 ? k - 2 : 1 },
      { what: 'valued_score', why: 'fewer than two thirds of the items answered', count: 1 },
    ],
    disclosure: { k, suppressed_estimates: suppressedIds.length, suppressed: suppressedIds },
    run: { rootwork_version: '0.1.0', data_fingerprint: `synthetic-${o.seed}`, k, instrument_versions: ['1'], generated_on: '2026-11-28', duration_ms: 0 },
  };
}

function addReportFields(x: OrganizationSummary, i: number): void {
  const measures = [...Object.keys(x.scales), 'br_1', 'br_2', 'br_3'];
  x.comparisons = Object.fromEntries(measures.map((m, j) => {
    const mean = m.startsWith('br_') ? x.bridge[m].mean : x.scales[m];
    const d = (((i * 7 + j * 3) % 11) - 5) / 10;
    return [m, mean === null ? { mean: null, benchmark: null, difference: null, ci_low: null, ci_high: null, verdict: null } : { mean, benchmark: r2(mean - d), difference: d, ci_low: d - 0.3, ci_high: d + 0.3, verdict: d - 0.3 > 0 ? 'higher' : d + 0.3 < 0 ? 'lower' : 'about_the_same' }];
  }));
  x.breakdowns = ['satisfaction_score', 'intent_to_leave_score'].flatMap((m) => (['role', 'race'] as const).map((by) => ({
    measure: m,
    by,
    cells: (by === 'role' ? (['organizers', 'other_staff'] as const) : (['poc', 'white'] as const)).map((group, j) => ({ group, mean: (i + j) % 3 === 0 ? null : x.scales[m], withheld: null })),
  })));
  x.withheld_cells = (i % 4 === 0 ? [{ id: `org/${x.code}/breakdown.satisfaction_score.role.organizers`, rule: 'primary' as const, reason: 'group under k' }] : []);
}
