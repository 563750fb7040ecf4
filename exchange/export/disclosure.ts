// disclosure.json and its one console line: what was banded and suppressed in each
// release — values withheld per quasi-identifier and the share of them — and the
// smallest group size behind it. No count of 1 to k − 1 people appears in it.
import { COMMENT_MIN_GROUP } from './comments.js';
import { MIN_K } from './k-anonymity.js';
import { exportQuasiIdentifiers, type ExportQuasiIdentifier } from './quasi-identifiers.js';
import type { RespondentStats } from './respondents.js';
import { EXTRACT_H1_H3_SPEC, EXTRACT_H5_SPEC, type ExtractStats } from './extracts.js';

export function extractsDisclosure(s: ExtractStats, k: number): DisclosureSummary['extracts'] {
  const underK = (n: number) => (n > 0 && n < k ? null : n);
  return {
    files: {
      [EXTRACT_H1_H3_SPEC.path]: { rows: s.rows[EXTRACT_H1_H3_SPEC.path] ?? 0, quasi_identifiers: ['wave', 'org_code', 'poc'] },
      [EXTRACT_H5_SPEC.path]: { rows: s.rows[EXTRACT_H5_SPEC.path] ?? 0, quasi_identifiers: ['wave', 'org_code', 'poc', 'tenure_years'] },
    },
    rule: 'an extract row is an organizer whose role and race group respondents.csv releases; every value is one respondents.csv or organizations.csv shows for that row, except tenure in years, released only for a respondents.csv group whose every tenure value is held by at least k rows',
    organizers_left_out: underK(s.organizersLeftOut),
    tenure_withheld: underK(s.tenureWithheld),
  };
}

export interface DisclosureSummary {
  k: number;
  wave_id: string;
  respondents: {
    rows: number;
    organizations: number;
    organizations_under_k_left_out: number;
    /** null when 1..k−1: a count of so few people is not released. */
    respondents_left_out: number | null;
    quasi_identifiers: string[];
    banding: { variable: string; from: string[]; rule: string; bands: string[] }[];
    suppression_order: string[];
    /** How the suppression is kept monotone in k (a higher k withholds a superset). */
    monotone: { from_k: number; rule: string };
    /** Values blanked for k-anonymity, per quasi-identifier. */
    suppressed_values: Record<string, number>;
    /** The same as a share of that quasi-identifier's values in the released rows (0–1); null with no rows. */
    suppressed_share: Record<string, number | null>;
    /** All quasi-identifier values blanked over all quasi-identifier values released, 0–1. */
    suppressed_share_overall: number | null;
    rows_with_suppression: number;
    smallest_group: number | null;
    /** Comments go to comments.csv, apart from the rows; `withheld_small_organization` is null when 1..k−1. */
    free_text: { included: boolean; file: string | null; min_group: number; released: number; withheld_small_organization: number | null; scrubbed: { emails: number; urls: number; phones: number } };
    /** Caveats a data steward should read before releasing the files together. */
    notes: string[];
  };
  /** The analysis extracts: projections of respondents.csv rows (see exchange/export/extracts.ts). */
  extracts: {
    files: Record<string, { rows: number; quasi_identifiers: string[] }>;
    rule: string;
    /** Organizers whose race group respondents.csv withholds, so no extract carries them; null when 1..k−1. */
    organizers_left_out: number | null;
    /** extract-h5.csv rows with tenure_years blanked; null when 1..k−1. */
    tenure_withheld: number | null;
  };
  /** respondents-all-waves.csv, when written: the waves in it, each at its release's k. */
  all_waves?: { file: string; rule: string; waves: { wave: string; k: number; rows: number }[] };
  organizations: { rows: number; reportable: number; smallest_group: number | null; suppressed_cells: number };
  results: { rows: number; suppressed: number; smallest_group: number | null };
  neutralised_cells: Record<string, number>;
}

export function respondentsDisclosure(stats: RespondentStats, includeComments: boolean, k: number, qis: readonly ExportQuasiIdentifier[] = exportQuasiIdentifiers()): DisclosureSummary['respondents'] {
  // The pipeline leaves the staff of organizations under k out of every estimate, so
  // results.csv and respondents.csv rest on the same people: no difference to subtract.
  const notes: string[] = [];
  const share = (n: number) => (stats.rows > 0 ? n / stats.rows : null);
  const total = qis.reduce((s, q) => s + (stats.suppressed[q.name] ?? 0), 0);
  const underK = (n: number) => (n > 0 && n < k ? null : n);
  return {
    rows: stats.rows,
    organizations: stats.organizations,
    organizations_under_k_left_out: stats.organizationsUnderK,
    respondents_left_out: stats.respondentsUnderK > 0 && stats.respondentsUnderK < k ? null : stats.respondentsUnderK,
    quasi_identifiers: ['org_code', ...qis.map((q) => q.name)],
    banding: qis.map((q) => ({ variable: q.name, from: [...q.from], rule: q.rule, bands: q.bands.map((b) => b.value) })),
    suppression_order: qis.map((q) => q.name),
    monotone: { from_k: MIN_K, rule: `suppression at k is built on the suppression at every k from ${MIN_K} up: a higher k withholds a superset, so exports of one wave at several k give back nothing` },
    suppressed_values: Object.fromEntries(qis.map((q) => [q.name, stats.suppressed[q.name] ?? 0])),
    suppressed_share: Object.fromEntries(qis.map((q) => [q.name, share(stats.suppressed[q.name] ?? 0)])),
    suppressed_share_overall: stats.rows > 0 && qis.length > 0 ? total / (stats.rows * qis.length) : null,
    rows_with_suppression: stats.rowsWithSuppression,
    smallest_group: stats.smallestGroup,
    free_text: {
      included: includeComments,
      file: includeComments ? 'comments.csv' : null,
      min_group: COMMENT_MIN_GROUP,
      released: stats.comments.released,
      withheld_small_organization: underK(stats.comments.withheldSmallOrg),
      scrubbed: { emails: stats.comments.emails, urls: stats.comments.urls, phones: stats.comments.phones },
    },
    notes,
  };
}

export function disclosureLine(d: DisclosureSummary): string {
  const r = d.respondents;
  const suppressed = Object.values(r.suppressed_values).reduce((a, b) => a + b, 0);
  return `Disclosure (k=${d.k}): respondents.csv ${r.rows} rows from ${r.organizations} organizations` +
    ` (${r.organizations_under_k_left_out} under k left out, ${r.respondents_left_out ?? `fewer than ${d.k}`} respondents);` +
    ` quasi-identifiers banded, ${suppressed} values suppressed in ${r.rows_with_suppression} rows` +
    (r.suppressed_share_overall === null ? '' : ` (${(100 * r.suppressed_share_overall).toFixed(1)}% of quasi-identifier values)`) +
    `; smallest group ${r.smallest_group ?? '—'}.` +
    ` organizations.csv smallest group ${d.organizations.smallest_group ?? '—'}; results.csv ${d.results.suppressed} estimates suppressed, smallest group ${d.results.smallest_group ?? '—'}.` +
    (r.notes.length > 0 ? ` Read the ${r.notes.length} note(s) in disclosure.json before release.` : '');
}
