// disclosure.json and its one console line: what was banded and suppressed in each
// release, and the smallest group size behind it.
import { QUASI_IDENTIFIERS } from '../import/bands.js';
import type { RespondentStats } from './respondents.js';
import { COMMENT_MIN_GROUP, SUPPRESSION_ORDER } from './respondents.js';

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
    suppressed_values: Record<string, number>;
    rows_with_suppression: number;
    smallest_group: number | null;
    free_text: { included: boolean; min_group: number; released: number; withheld_small_organization: number; scrubbed: { emails: number; urls: number; phones: number } };
    /** Caveats a data steward should read before releasing the files together. */
    notes: string[];
  };
  organizations: { rows: number; reportable: number; smallest_group: number | null; suppressed_cells: number };
  results: { rows: number; suppressed: number; smallest_group: number | null };
  neutralised_cells: Record<string, number>;
}

export function respondentsDisclosure(stats: RespondentStats, includeComments: boolean, k: number): DisclosureSummary['respondents'] {
  // The pipeline leaves the staff of organizations under k out of every estimate, so
  // results.csv and respondents.csv rest on the same people: no difference to subtract.
  const notes: string[] = [];
  return {
    rows: stats.rows,
    organizations: stats.organizations,
    organizations_under_k_left_out: stats.organizationsUnderK,
    respondents_left_out: stats.respondentsUnderK > 0 && stats.respondentsUnderK < k ? null : stats.respondentsUnderK,
    quasi_identifiers: ['org_code', ...QUASI_IDENTIFIERS.map((q) => q.name)],
    banding: QUASI_IDENTIFIERS.map((q) => ({ variable: q.name, from: [...q.from], rule: q.rule, bands: q.bands.map((b) => b.value) })),
    suppression_order: [...SUPPRESSION_ORDER],
    suppressed_values: { ...stats.suppressed },
    rows_with_suppression: stats.rowsWithSuppression,
    smallest_group: stats.smallestGroup,
    free_text: {
      included: includeComments,
      min_group: COMMENT_MIN_GROUP,
      released: stats.comments.released,
      withheld_small_organization: stats.comments.withheldSmallOrg,
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
    ` quasi-identifiers banded, ${suppressed} values suppressed in ${r.rows_with_suppression} rows; smallest group ${r.smallest_group ?? '—'}.` +
    ` organizations.csv smallest group ${d.organizations.smallest_group ?? '—'}; results.csv ${d.results.suppressed} estimates suppressed, smallest group ${d.results.smallest_group ?? '—'}.` +
    (r.notes.length > 0 ? ` Read the ${r.notes.length} note(s) in disclosure.json before release.` : '');
}
