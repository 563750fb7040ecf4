// results.csv: results.json as a tidy table, one row per estimate — headline estimates,
// their companion statistics (nested estimates, group means, single numbers) and the
// chart series' group means — each keeping its disclosure flag.
import type { Estimate, GroupSummary, Results } from '../../pipeline/results.js';
import type { CsvRow } from './csv-writer.js';
import { flagField, type TableSpec } from './table-spec.js';

export const RESULT_SECTIONS = ['measurement', 'confirmatory', 'exploratory', 'roots', 'series'] as const;
type Section = (typeof RESULT_SECTIONS)[number];

export const RESULTS_SPEC: TableSpec = {
  name: 'results',
  path: 'results.csv',
  title: 'Study estimates (results.json as a table), one row per estimate',
  description: 'Suppressed estimates (resting on fewer than k respondents) have blank values and suppressed = 1. Companion statistics carry their parent_id.',
  fields: [
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
  // Defence in depth: a withheld row has no n, and no n or count of 1..k−1 leaves in any row.
  const k = results.study.k;
  const small = (v: unknown) => typeof v === 'number' && v > 0 && v < k;
  return out.map((r) => ({
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
