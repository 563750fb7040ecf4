// A results.json with trends, for the trend views' tests: the 12-organization fixture
// (tests/fixtures/results/synthetic-12-orgs.json) as the current wave "Fall 2026", with a
// hand-written `trends` block over three waves and organization trends. Every case the
// views must handle is in it: higher, lower and about the same; a ratio; organizations in
// both waves reading differently from all; a withheld point and a withheld change; a
// measure not compared; a wave left out. Values are made up; WITHHELD_VALUE must never be
// printed anywhere.
import fs from 'node:fs';
import path from 'node:path';
import { parseResults } from '../../../reports/schema.js';
import type { OrganizationSummary, Results, TrendChange, TrendPoint, Trends } from '../../../pipeline/results.js';

/** The value behind the withheld point: a report that prints it leaks a group under k. */
export const WITHHELD_VALUE = -4.444;

const W = ['wave-2024', 'wave-2025', 'wave-7'];

function pts(values: [number, number, number][], n = [180, 200, 190], orgs = [11, 12, 12]): TrendPoint[] {
  return values.map(([estimate, ci_low, ci_high], i) => ({ wave_id: W[i], estimate, ci_low, ci_high, n: n[i], n_orgs: orgs[i], withheld: null }));
}

function change(estimate: number, ci_low: number, ci_high: number, verdict: TrendChange['verdict'], method = 'Difference of the two waves’ estimates; independent cross-sections, each clustered by organization'): TrendChange {
  return { estimate, ci_low, ci_high, p: 0.04, method, verdict, withheld: null };
}

export const FIXTURE_TRENDS: Trends = {
  waves: [
    { wave_id: W[0], name: 'Fall 2024', opens_on: '2024-10-01', k: 5, release_id: 'rel-2024', instrument_versions: ['1'], organizations_reportable: 11, continuing_organizations: null },
    { wave_id: W[1], name: 'Fall 2025', opens_on: '2025-10-01', k: 5, release_id: 'rel-2025', instrument_versions: ['1'], organizations_reportable: 12, continuing_organizations: 10 },
    { wave_id: W[2], name: 'Fall 2026', opens_on: '2026-10-01', k: 5, release_id: null, instrument_versions: ['2'], organizations_reportable: 12, continuing_organizations: 9 },
  ],
  series: [
    {
      id: 'H1.sat_diff', label: 'Satisfaction, organizing minus mobilizing-focused', kind: 'confirmatory',
      points: pts([[0.35, 0.1, 0.6], [0.41, 0.16, 0.66], [0.952, 0.7, 1.2]]),
      change: change(0.542, 0.19, 0.89, 'higher'),
      change_continuing: change(0.2, -0.12, 0.52, 'about the same'),
      not_compared: null,
    },
    {
      id: 'H2.sep_rate_ratio', label: 'Separation rate ratio, organizing / mobilizing-focused', kind: 'confirmatory',
      points: pts([[0.8, 0.6, 1.05], [0.9, 0.7, 1.15], [0.852, 0.66, 1.1]]),
      change: change(0.947, 0.71, 1.26, 'about the same', 'Ratio of the two waves’ rate ratios'),
      change_continuing: null,
      continuing_note: 'The model needs every respondent of both waves, which a published release does not hold',
      not_compared: null,
    },
    {
      id: 'H3.itl_diff', label: 'Intent to leave, organizing minus mobilizing-focused', kind: 'confirmatory',
      points: pts([[0.6, 0.4, 0.8], [0.61, 0.42, 0.8], [0.252, 0.05, 0.45]]),
      change: change(-0.358, -0.63, -0.09, 'lower'),
      change_continuing: change(-0.31, -0.6, -0.02, 'lower'),
      not_compared: null,
    },
    {
      id: 'H4.orientation_diff', label: 'Orientation index, POC-led minus white-led', kind: 'confirmatory',
      points: [
        ...pts([[0.3, 0.05, 0.55]]).slice(0, 1),
        { wave_id: W[1], estimate: WITHHELD_VALUE, ci_low: null, ci_high: null, n: null, n_orgs: null, withheld: { rule: 'primary', reason: 'A group had fewer than k respondents in this wave' } },
        { wave_id: W[2], estimate: 0.36, ci_low: 0.1, ci_high: 0.62, n: 190, n_orgs: 12, withheld: null },
      ],
      change: { estimate: null, ci_low: null, ci_high: null, p: null, method: 'Difference of the two waves’ estimates', verdict: null, withheld: { rule: 'differencing', reason: 'The previous wave’s value was withheld, and the change would give it back' } },
      change_continuing: null,
      not_compared: null,
    },
    {
      id: 'H5.sat_interaction', label: 'Orientation × person of color, satisfaction', kind: 'confirmatory',
      points: pts([[0.2, 0.0, 0.4], [0.22, 0.02, 0.42], [0.246, 0.05, 0.44]]),
      change: null,
      change_continuing: null,
      not_compared: 'The satisfaction items were reworded in instrument version 2, so the waves measure different things',
    },
    {
      id: 'scale.satisfaction_score', label: 'Job satisfaction', kind: 'scale',
      points: pts([[4.8, 4.6, 5.0], [4.9, 4.7, 5.1], [5.31, 5.12, 5.5]]),
      change: change(0.41, 0.14, 0.68, 'higher'),
      change_continuing: change(0.38, 0.1, 0.66, 'higher'),
      not_compared: null,
    },
    {
      id: 'scale.intent_to_leave_score', label: 'Intent to leave', kind: 'scale',
      points: pts([[2.6, 2.45, 2.75], [2.55, 2.4, 2.7], [2.58, 2.43, 2.73]]),
      change: change(0.03, -0.18, 0.24, 'about the same'),
      change_continuing: change(0.05, -0.17, 0.27, 'about the same'),
      not_compared: null,
    },
  ],
  left_out: [
    { wave_id: 'wave-spring-2025', name: 'Spring 2025', reason: 'It was run with k = 8 and this wave with k = 5; waves with different k are not compared' },
    { wave_id: 'wave-spring-2024', name: 'Spring 2024', reason: 'It has no published release' },
  ],
};

/** The fixture's organizations: ORG0001 has a change figure, ORG0002 and ORG0004 a note why not, the rest neither field. */
function withOrgTrends(orgs: OrganizationSummary[]): OrganizationSummary[] {
  return orgs.map((o) => {
    if (o.code === 'ORG0001') {
      return {
        ...o,
        trend: {
          previous_wave_id: W[1],
          previous_wave_name: 'Fall 2025',
          measures: [
            { id: 'satisfaction_score', label: 'Job satisfaction', previous: 4.62, current: 5.18, change: change(0.56, 0.12, 1.0, 'higher') },
            { id: 'intent_to_leave_score', label: 'Intent to leave', previous: 2.9, current: 2.84, change: change(-0.06, -0.4, 0.28, 'about the same') },
            { id: 'culture_score', label: 'Culture and belonging', previous: 3.9, current: 3.41, change: change(-0.49, -0.8, -0.18, 'lower') },
            { id: 'valued_score', label: 'Organizing valued as much as other programs', previous: null, current: 3.5, change: { estimate: null, ci_low: null, ci_high: null, p: null, method: 'Difference', verdict: null, withheld: { rule: 'primary', reason: 'Fewer than k of your staff answered these questions in Fall 2025' } } },
          ],
        },
        trend_note: null,
      };
    }
    if (o.code === 'ORG0002') return { ...o, trend: null, trend_note: 'Your organization did not take part in Fall 2025' };
    if (o.code === 'ORG0004') return { ...o, trend: null, trend_note: 'Fewer than k respondents in "Fall 2025": no change figure.' };
    return { ...o, trend: null, trend_note: null };
  });
}

/** 'absent': results as written before trends existed (no `trends` field at all). */
export function trendsFixture(trends: Trends | null | 'absent' = FIXTURE_TRENDS): Results {
  const file = path.resolve('tests/fixtures/results/synthetic-12-orgs.json');
  const base = parseResults(JSON.parse(fs.readFileSync(file, 'utf8')), file);
  const results: Results = { ...base, study: { ...base.study, wave_name: 'Fall 2026' }, organizations: trends && trends !== 'absent' ? withOrgTrends(base.organizations) : base.organizations };
  if (trends !== 'absent') results.trends = trends;
  // Through the input boundary, as a report reads it.
  return parseResults(JSON.parse(JSON.stringify(results)));
}
