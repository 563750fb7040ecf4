// organizations.csv: one row per organization, from results.json's organization
// summaries (already through disclosure control). Staff-derived values of an
// organization under k are blank and named in suppressed_fields.
import { STAFF_GROUPS } from '../../data/database.js';
import type { OrganizationSummary, Results } from '../../pipeline/results.js';
import { SCORED_SCALES } from '../../pipeline/score.js';
import type { CsvRow } from './csv-writer.js';
import { flagField, type FieldSpec, type TableSpec } from './table-spec.js';

const ORIENTATION_TYPES = ['organizing', 'mobilizing', 'integrated', 'low'] as const;
const OTHER_SCALES = SCORED_SCALES.filter((s) => s.id !== 'org' && s.id !== 'mob');
const BRIDGE = ['br_1', 'br_2', 'br_3'] as const;

const num = (name: string, title: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'number', title, ...extra });

export const ORGANIZATIONS_SPEC: TableSpec = {
  name: 'organizations',
  path: 'organizations.csv',
  title: 'Participating organizations, one row per organization',
  description: 'Staff-derived values rest on at least k respondents; otherwise blank and named in suppressed_fields. Profile figures come from the organization profile.',
  fields: [
    { name: 'org_code', type: 'string', title: 'Organization (pseudonymous code)' },
    flagField('reportable', 'At least k respondents (has an organization report)'),
    { name: 'respondents', type: 'integer', title: 'Staff who answered', minimum: 0, description: 'Blank when fewer than k.' },
    num('response_rate', 'Respondents / headcount at the end of the period', { minimum: 0 }),
    flagField('has_profile', 'Organization profile submitted'),
    flagField('poc_led', 'POC-led (executive director a person of color, or at least half of senior leaders)'),
    num('orientation_index', 'Orientation index: mean over staff of organizing − mobilizing score', { minimum: -4, maximum: 4 }),
    num('organizing_score', 'Mean staff organizing score', { minimum: 1, maximum: 5 }),
    num('mobilizing_score', 'Mean staff mobilizing score', { minimum: 1, maximum: 5 }),
    { name: 'orientation_type', type: 'string', title: 'Orientation type from staff means', enum: ORIENTATION_TYPES, valueLabels: ['Organizing-focused', 'Mobilizing-focused', 'Integrated', 'Low-intensity'] },
    num('orientation_percentile', 'Percentile of the orientation index among reportable organizations', { minimum: 0, maximum: 100 }),
    ...OTHER_SCALES.map((s) => num(s.scoreName, `Mean staff ${s.id} scale score`, { minimum: s.min, maximum: s.max })),
    ...BRIDGE.map((b) => num(`${b}_mean`, `Mean staff answer to ${b}`, { minimum: 1, maximum: 5 })),
    ...STAFF_GROUPS.flatMap((g) => [
      { name: `separations_${g}`, type: 'integer', title: `Separations in 12 months, ${g}`, minimum: 0 } satisfies FieldSpec,
      num(`mean_headcount_${g}`, `Mean of start and end headcount, ${g}`, { minimum: 0 }),
      num(`separation_rate_${g}`, `Separation rate (separations / mean headcount), ${g}`, { minimum: 0 }),
    ]),
    num('self_organizing_score', 'Profile self-assessment: organizing score', { minimum: 1, maximum: 5 }),
    num('self_mobilizing_score', 'Profile self-assessment: mobilizing score', { minimum: 1, maximum: 5 }),
    ...BRIDGE.map((b) => num(`self_${b}`, `Profile self-assessment: ${b}`, { minimum: 1, maximum: 5 })),
    { name: 'suppressed_fields', type: 'string', title: 'Fields blanked because they rest on fewer than k respondents (separated by ;)' },
  ],
};

/** Everything in a row computed from staff answers (blank for an organization under k). */
const STAFF_DERIVED: readonly string[] = [
  'respondents', 'response_rate', 'orientation_index', 'organizing_score', 'mobilizing_score', 'orientation_type', 'orientation_percentile',
  ...OTHER_SCALES.map((s) => s.scoreName), ...BRIDGE.map((b) => `${b}_mean`),
];

const flag = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

export function organizationRow(o: OrganizationSummary, participation: Results['participation']['by_organization'][number] | undefined): CsvRow {
  const row: Record<string, string | number | null> = {
    org_code: o.code,
    reportable: o.reportable ? 1 : 0,
    respondents: o.reportable ? o.respondents : null,
    response_rate: o.response_rate ?? participation?.response_rate ?? null,
    has_profile: o.has_profile ? 1 : 0,
    poc_led: flag(o.poc_led),
    orientation_index: o.orientation_index,
    organizing_score: o.organizing_score,
    mobilizing_score: o.mobilizing_score,
    orientation_type: o.orientation_type,
    orientation_percentile: o.orientation_percentile,
  };
  for (const s of OTHER_SCALES) row[s.scoreName] = o.scales[s.scoreName] ?? null;
  for (const b of BRIDGE) row[`${b}_mean`] = o.bridge[b]?.mean ?? null;
  for (const g of STAFF_GROUPS) {
    const r = o.separation_rates[g];
    row[`separations_${g}`] = r?.separations ?? null;
    row[`mean_headcount_${g}`] = r?.mean_headcount ?? null;
    row[`separation_rate_${g}`] = r?.rate ?? null;
  }
  row.self_organizing_score = o.self_assessment?.organizing_score ?? null;
  row.self_mobilizing_score = o.self_assessment?.mobilizing_score ?? null;
  for (const b of BRIDGE) row[`self_${b}`] = o.self_assessment?.bridge[b] ?? null;
  const suppressed = [...o.suppressed];
  if (!o.reportable) {
    // Defence in depth: results.json already nulls these, but an export must never rely on it.
    for (const name of STAFF_DERIVED) {
      row[name] = null;
      if (!suppressed.includes(name)) suppressed.push(name);
    }
  }
  row.suppressed_fields = suppressed.length > 0 ? suppressed.join(';') : null;
  return row;
}

export function organizationRows(results: Results): CsvRow[] {
  const byCode = new Map(results.participation.by_organization.map((p) => [p.code, p]));
  return [...results.organizations].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((o) => organizationRow(o, byCode.get(o.code)));
}

/** Smallest respondent count behind any released staff-derived organization value. */
export function smallestOrganizationGroup(results: Results): number | null {
  const ns = results.organizations.flatMap((o) => (o.reportable && o.respondents !== null ? [o.respondents] : []));
  return ns.length > 0 ? Math.min(...ns) : null;
}
