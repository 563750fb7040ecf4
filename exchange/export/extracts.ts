// Analysis extracts: one small file per family of confirmatory hypotheses, holding exactly
// the columns its model needs — extract-h1-h3.csv (organizers in organizing- or
// mobilizing-focused organizations: type, poc, satisfaction and intent-to-leave scores) and
// extract-h5.csv (organizers in organizations with an orientation index: the index, poc,
// tenure in years, satisfaction).
//
// Why they are projections of respondents.csv and not files suppressed on their own: an
// extract's scale scores are recomputable from respondents.csv's items, so each extract row
// links to its respondents.csv row (same organization, same scores). An extract suppressed
// over its own few quasi-identifiers would then hand back, through that link, the race or
// role respondents.csv withheld. So an extract row exists only where respondents.csv already
// releases the person's role and race group, and every value it carries is one respondents.csv
// (or organizations.csv) shows for that row — the link recovers nothing. The one finer value
// is tenure in years (respondents.csv has bands): it is released for a respondents.csv group
// (identical released quasi-identifiers) only when every tenure value in the group is held by
// at least k of its rows, so the link splits no group below k. Each extract is k-anonymous over
// its own quasi-identifiers (wave, organization, poc, and tenure in extract-h5.csv) because it
// is a union of whole respondents.csv groups. Rows are sorted by value, never in
// respondents.csv's order, and carry no row id.
import type { ResponseRow } from '../../data/database.js';
import type { CsvRow } from './csv-writer.js';
import { SUPPRESSED } from './k-anonymity.js';
import { SCALE_TITLES } from './respondents-spec.js';
import { flagField, WAVE_FIELD, type FieldSpec, type TableSpec } from './table-spec.js';

const ORG_FIELD: FieldSpec = { name: 'org_code', type: 'string', title: 'Organization (pseudonymous code; the cluster of the models)', description: 'The same code as in respondents.csv and organizations.csv.' };
const POC_FIELD: FieldSpec = {
  ...flagField('poc', 'Person of color (any race category other than white ticked)', 'From race_group in respondents.csv: 1 = poc, 0 = white.'),
  derivedFrom: ['race_black', 'race_latine', 'race_asian', 'race_indigenous', 'race_pacific', 'race_mena', 'race_white', 'race_self', 'race_decline'],
};
const SAT_FIELD: FieldSpec = { name: 'satisfaction_score', type: 'number', title: `${SCALE_TITLES.sat} scale score (1–7)`, minimum: 1, maximum: 7, scale: 'sat', derivedFrom: ['sat_1', 'sat_2r', 'sat_3'] };
const ITL_FIELD: FieldSpec = { name: 'intent_to_leave_score', type: 'number', title: `${SCALE_TITLES.itl} scale score (1–5)`, minimum: 1, maximum: 5, scale: 'itl', derivedFrom: ['itl_1', 'itl_2', 'itl_3'] };

export const EXTRACT_H1_H3_SPEC: TableSpec = {
  name: 'extract-h1-h3',
  path: 'extract-h1-h3.csv',
  title: 'Analysis extract for H1 and H3: organizers in organizing- or mobilizing-focused organizations',
  description: 'One row per organizer whose role and race group respondents.csv releases, in an organization whose orientation type is organizing or mobilizing. H1 and H3: organizers of color (poc = 1), outcome on `organizing`, clustered by org_code (CR2, Satterthwaite df). Rows are sorted by value, not linked to respondents.csv rows.',
  fields: [
    WAVE_FIELD, ORG_FIELD,
    { name: 'orientation_type', type: 'string', title: 'Orientation type of the organization (from staff means)', enum: ['organizing', 'mobilizing'], valueLabels: ['Organizing-focused', 'Mobilizing-focused'] },
    flagField('organizing', 'Organizing-focused organization (1) or mobilizing-focused (0)'),
    POC_FIELD, SAT_FIELD, ITL_FIELD,
  ],
};

export const EXTRACT_H5_SPEC: TableSpec = {
  name: 'extract-h5',
  path: 'extract-h5.csv',
  title: 'Analysis extract for H5: organizers in organizations with an orientation index',
  description: 'One row per organizer whose role and race group respondents.csv releases, in an organization with an orientation index. H5: satisfaction_score ~ org_orientation_index * poc + tenure_years, clustered by org_code (CR2, Satterthwaite df). tenure_years is blank where releasing it would split a group of respondents.csv below k.',
  fields: [
    WAVE_FIELD, ORG_FIELD,
    { name: 'org_orientation_index', type: 'number', title: 'Orientation index of the organization (mean over its staff of organizing − mobilizing score)', minimum: -4, maximum: 4, description: 'As orientation_index in organizations.csv.' },
    POC_FIELD,
    { name: 'tenure_years', type: 'integer', title: 'Years at the organization (0 = under a year)', minimum: 0, description: 'Blank when not answered, or when some tenure value of the person\'s respondents.csv group is held by fewer than k people.' },
    SAT_FIELD,
  ],
};

export const EXTRACT_SPECS: readonly TableSpec[] = [EXTRACT_H1_H3_SPEC, EXTRACT_H5_SPEC];

/** What organizations.csv releases about an organization (after its own suppression). */
export interface OrgFacts {
  orientation_type: string | null;
  orientation_index: number | null;
}

export interface ExtractStats {
  rows: Record<string, number>;
  /** Organizers left out because respondents.csv withholds their role or race group. */
  organizersLeftOut: number;
  /** extract-h5.csv rows whose tenure_years is blanked to keep respondents.csv's groups at k. */
  tenureWithheld: number;
}

export const emptyExtractStats = (): ExtractStats => ({ rows: Object.fromEntries(EXTRACT_SPECS.map((s) => [s.path, 0])), organizersLeftOut: 0, tenureWithheld: 0 });

/** The quasi-identifier columns of respondents.csv that make its groups (a suppressed value is its own value). */
function groupKey(row: CsvRow, qiNames: readonly string[]): string {
  return [row.wave, row.org_code, ...qiNames.map((q) => (row[`${q}_suppressed`] === 1 ? SUPPRESSED : String(row[q] ?? '')))].join('\u0002');
}

const byValue = (keys: readonly string[]) => (a: CsvRow, b: CsvRow): number => {
  for (const k of keys) {
    const x = a[k] ?? -Infinity;
    const y = b[k] ?? -Infinity;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
};

/**
 * The extract rows of one organization, from its released respondents.csv rows (in the same
 * order as `responses`) and what organizations.csv releases about it; updates `stats`.
 */
export function extractRows(rows: readonly CsvRow[], responses: readonly ResponseRow[], org: OrgFacts | undefined, qiNames: readonly string[], k: number, stats: ExtractStats): { h13: CsvRow[]; h5: CsvRow[] } {
  const h13: CsvRow[] = [];
  const h5: CsvRow[] = [];
  if (rows.length === 0 || !org) return { h13, h5 };
  // Tenure in years, per respondents.csv group: released only if every value has k rows.
  const tenures = new Map<string, Map<number | null, number>>();
  rows.forEach((row, i) => {
    const key = groupKey(row, qiNames);
    const counts = tenures.get(key) ?? new Map<number | null, number>();
    const t = responses[i].tenure_years ?? null;
    counts.set(t, (counts.get(t) ?? 0) + 1);
    tenures.set(key, counts);
  });
  const tenureReleased = (key: string) => [...tenures.get(key)!.values()].every((n) => n >= k);

  rows.forEach((row, i) => {
    if (row.role_group !== 'organizer') return;
    if (row.race_group !== 'poc' && row.race_group !== 'white') {
      if (row.race_group_suppressed === 1) stats.organizersLeftOut += 1;
      return;
    }
    const base = { wave: row.wave ?? null, org_code: row.org_code ?? null, poc: row.race_group === 'poc' ? 1 : 0, satisfaction_score: row.satisfaction_score ?? null };
    if (org.orientation_type === 'organizing' || org.orientation_type === 'mobilizing') {
      h13.push({ ...base, orientation_type: org.orientation_type, organizing: org.orientation_type === 'organizing' ? 1 : 0, intent_to_leave_score: row.intent_to_leave_score ?? null });
    }
    if (org.orientation_index !== null) {
      const released = tenureReleased(groupKey(row, qiNames));
      const t = responses[i].tenure_years ?? null;
      if (!released && t !== null) stats.tenureWithheld += 1;
      h5.push({ ...base, org_orientation_index: org.orientation_index, tenure_years: released ? t : null });
    }
  });
  h13.sort(byValue(['poc', 'satisfaction_score', 'intent_to_leave_score']));
  h5.sort(byValue(['poc', 'tenure_years', 'satisfaction_score']));
  stats.rows[EXTRACT_H1_H3_SPEC.path] += h13.length;
  stats.rows[EXTRACT_H5_SPEC.path] += h5.length;
  return { h13, h5 };
}
