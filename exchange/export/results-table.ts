// results.csv: results.json as a tidy table, one row per estimate per wave — headline
// estimates, their companion statistics (nested estimates, group means, single numbers),
// the chart series' group means and the study-wide scale means of this wave; then, when the
// study has earlier published waves, each trend measure's value in those waves (as their
// releases published it) and its change since the previous compared wave — each row keeping
// its disclosure flag and naming its wave.
import type { Estimate, GroupSummary, Results, TrendChange, TrendSeries } from '../../pipeline/results.js';
import type { CsvRow } from './csv-writer.js';
import { flagField, type TableSpec } from './table-spec.js';

export const RESULT_SECTIONS = ['measurement', 'confirmatory', 'exploratory', 'roots', 'series', 'scale_means', 'trends', 'trend_changes'] as const;
type Section = (typeof RESULT_SECTIONS)[number];

export const RESULTS_SPEC: TableSpec = {
  name: 'results',
  path: 'results.csv',
  title: 'Study estimates (results.json as a table), one row per estimate per wave',
  description:
    'Suppressed estimates (resting on fewer than k respondents) have blank values and suppressed = 1. Companion statistics carry their parent_id. Rows of section "trends" are earlier waves\' values as their releases published them; "trend_changes" rows are the change from the previous compared wave to this one (id ending .change, or .change_continuing among organizations reportable in both).',
  fields: [
    { name: 'wave', type: 'string', title: 'Wave id the row is about' },
    { name: 'wave_name', type: 'string', title: 'Wave name' },
    { name: 'section', type: 'string', title: 'Part of results.json', enum: RESULT_SECTIONS },
    { name: 'id', type: 'string', title: 'Estimate id (stable across runs)' },
    { name: 'parent_id', type: 'string', title: 'Headline estimate this one accompanies (blank for a headline)' },
    { name: 'label', type: 'string', title: 'What is estimated' },
    { name: 'population', type: 'string', title: 'Who it is about' },
    { name: 'scale', type: 'string', title: 'What the estimate is on (difference, ratio, mean...)' },
    { name: 'n', type: 'integer', title: 'Respondents (or units) behind the estimate', minimum: 0 },
    { name: 'n_orgs', type: 'integer', title: 'Organizations behind the estimate', minimum: 0 },
    { name: 'estimate', type: 'number', title: 'Point estimate' },
    { name: 'ci_low', type: 'number', title: '95% interval, lower bound' },
    { name: 'ci_high', type: 'number', title: '95% interval, upper bound' },
    { name: 'p', type: 'number', title: 'p-value', minimum: 0, maximum: 1 },
    { name: 'p_holm', type: 'number', title: 'Holm-adjusted p-value (exploratory tests)', minimum: 0, maximum: 1 },
    { name: 'method', type: 'string', title: 'How it was computed' },
    flagField('confirmatory', 'Confirmatory (pre-specified) hypothesis'),
    flagField('suppressed', 'Withheld by disclosure control'),
    { name: 'note', type: 'string', title: 'Why a value is missing, or a caveat' },
    { name: 'withheld_rule', type: 'string', title: 'The rule that withheld the value (blank when shown)', enum: ['primary', 'complementary', 'differencing', 'k-anonymity', 'not_estimable'] },
  ],
};

const isEstimate = (v: unknown): v is Estimate => typeof v === 'object' && v !== null && !Array.isArray(v) && 'id' in v && 'estimate' in v;
const isGroups = (v: unknown): v is GroupSummary[] => Array.isArray(v) && v.every((g) => typeof g === 'object' && g !== null && 'group' in g);

function estimateRow(section: Section, e: Estimate, parentId: string | null, confirmatory = e.confirmatory): CsvRow {
  return {
    section, id: e.id, parent_id: parentId, label: e.label, population: e.population, scale: e.scale ?? null,
    n: e.n, n_orgs: e.n_orgs, estimate: e.estimate, ci_low: e.ci_low, ci_high: e.ci_high, p: e.p, p_holm: e.p_holm ?? null,
    method: e.method, confirmatory: confirmatory ? 1 : 0, suppressed: e.suppressed ? 1 : 0, note: e.note ?? null, withheld_rule: e.withheld?.rule ?? null,
  };
}

function groupRow(section: Section, id: string, parentId: string | null, g: GroupSummary, population: string, confirmatory: boolean): CsvRow {
  return {
    section, id, parent_id: parentId, label: g.group, population, scale: 'mean',
    n: g.n, n_orgs: g.n_orgs, estimate: g.mean, ci_low: g.ci_low, ci_high: g.ci_high, p: null, p_holm: null,
    method: 'group mean', confirmatory: confirmatory ? 1 : 0, suppressed: g.suppressed ? 1 : 0, note: null, withheld_rule: g.withheld?.rule ?? null,
  };
}

function withDetails(section: Section, e: Estimate, parentId: string | null, out: CsvRow[]): void {
  out.push(estimateRow(section, e, parentId));
  for (const [key, value] of Object.entries(e.details ?? {})) {
    if (isEstimate(value)) withDetails(section, value, e.id, out);
    else if (isGroups(value)) {
      for (const g of value) out.push(groupRow(section, `${e.id}.${key}.${g.group}`, e.id, g, e.population, e.confirmatory));
    } else if (typeof value === 'number') {
      out.push({
        section, id: `${e.id}.${key}`, parent_id: e.id, label: key, population: e.population, scale: null, n: null, n_orgs: null,
        estimate: value, ci_low: null, ci_high: null, p: null, p_holm: null, method: 'companion statistic', confirmatory: e.confirmatory ? 1 : 0,
        suppressed: e.suppressed ? 1 : 0, note: null, withheld_rule: null,
      });
    }
    // Strings and booleans in details are descriptions, not estimates: they stay in results.json.
  }
}

const TREND_ROW = { parent_id: null, p_holm: null, confirmatory: 0, note: null } as const;

function changeRow(s: TrendSeries, which: 'change' | 'change_continuing', c: TrendChange, population: string): CsvRow {
  return {
    ...TREND_ROW, section: 'trend_changes', id: `${s.id}.${which}`, label: `Change in ${s.label}`, population,
    scale: s.id.includes('ratio') ? 'ratio' : 'difference', n: null, n_orgs: null, estimate: c.estimate, ci_low: c.ci_low, ci_high: c.ci_high, p: c.p,
    method: c.method, confirmatory: s.kind === 'confirmatory' ? 1 : 0, suppressed: c.withheld && c.withheld.rule !== 'not_estimable' ? 1 : 0,
    note: c.verdict ?? c.withheld?.reason ?? null, withheld_rule: c.withheld?.rule ?? null,
  };
}

/** Earlier waves' published values of the trend measures, and the changes since the previous compared wave. */
function trendRows(results: Results): CsvRow[] {
  const t = results.trends;
  if (!t) return [];
  const names = new Map(t.waves.map((w) => [w.wave_id, w.name]));
  const out: CsvRow[] = [];
  for (const s of t.series) {
    for (const p of s.points) {
      if (p.wave_id === results.study.wave_id) continue;
      const withheld = p.withheld && p.withheld.rule !== 'not_estimable';
      out.push({
        ...TREND_ROW, wave: p.wave_id, wave_name: names.get(p.wave_id) ?? null, section: 'trends', id: s.id, label: s.label, population: s.kind === 'scale' ? 'respondents of organizations whose own mean is published' : null,
        scale: s.kind === 'scale' ? 'mean' : null, n: p.n, n_orgs: p.n_orgs, estimate: p.estimate, ci_low: p.ci_low, ci_high: p.ci_high, p: null,
        method: `as published in that wave's release ${t.waves.find((w) => w.wave_id === p.wave_id)?.release_id ?? ''}`.trim(), confirmatory: s.kind === 'confirmatory' ? 1 : 0,
        suppressed: withheld ? 1 : 0, note: p.withheld?.reason ?? null, withheld_rule: p.withheld?.rule ?? null,
      });
    }
    const here = { wave: results.study.wave_id, wave_name: results.study.wave_name };
    if (s.change) out.push({ ...here, ...changeRow(s, 'change', s.change, 'all organizations') });
    if (s.change_continuing) out.push({ ...here, ...changeRow(s, 'change_continuing', s.change_continuing, 'organizations reportable in both waves, each weighted equally') });
    if (s.not_compared) out.push({ ...here, ...TREND_ROW, section: 'trend_changes', id: `${s.id}.change`, label: `Change in ${s.label}`, population: null, scale: null, n: null, n_orgs: null, estimate: null, ci_low: null, ci_high: null, p: null, method: 'not compared', suppressed: 0, note: s.not_compared, withheld_rule: 'not_estimable' });
  }
  return out;
}

export function resultRows(results: Results): CsvRow[] {
  const out: CsvRow[] = [];
  const seen = new Set<string>();
  const add = (section: Section, list: readonly Estimate[]) => {
    for (const e of list) {
      // series.roots repeats exploratory estimates for charts: one row each.
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      withDetails(section, e, null, out);
    }
  };
  add('measurement', results.measurement);
  add('confirmatory', results.confirmatory);
  add('exploratory', results.exploratory);
  add('roots', results.series.roots);
  for (const o of results.series.outcome_by_type_race) {
    for (const g of o.groups) out.push(groupRow('series', `series.outcome_by_type_race.${o.outcome}.${g.group}`, null, g, g.group, false));
  }
  for (const g of results.series.separation_rates) out.push(groupRow('series', `series.separation_rates.${g.group}`, null, g, g.group, false));
  add('scale_means', results.scale_means ?? []);
  const current = { wave: results.study.wave_id, wave_name: results.study.wave_name };
  for (const r of out) Object.assign(r, current);
  out.push(...trendRows(results));
  // Defence in depth: a withheld row has no n, and no n or count of 1..k−1 leaves in any row.
  const k = results.study.k;
  const small = (v: unknown) => typeof v === 'number' && v > 0 && v < k;
  return out.map(({ wave, wave_name, ...r }) => ({
    wave,
    wave_name,
    ...r,
    n: r.suppressed === 1 || small(r.n) ? null : r.n,
    n_orgs: r.suppressed === 1 ? null : r.n_orgs,
  }));
}

/** Smallest n behind any released (not suppressed) estimate. */
export function smallestResultGroup(rows: readonly CsvRow[]): number | null {
  const ns = rows.filter((r) => r.suppressed === 0 && typeof r.n === 'number').map((r) => r.n as number);
  return ns.length > 0 ? Math.min(...ns) : null;
}
