// Builds respondents.csv organization by organization: bands the quasi-identifiers,
// suppresses locally to k, scores the scales (the pipeline's scorer), and scrubs comments
// when they are asked for. Organizations under k contribute no rows.
import type { Kysely } from 'kysely';
import type { Database, ResponseRow } from '../../data/database.js';
import { QUASI_IDENTIFIERS, type QuasiIdentifier } from '../import/bands.js';
import { scoreResponse } from '../../pipeline/score.js';
import { SUPPRESSED, suppressToK } from './k-anonymity.js';
import { scrubContactDetails } from './scrub.js';
import { RELEASED_ITEMS, suppressedFlagName } from './respondents-spec.js';
import type { CsvRow } from './csv-writer.js';
import type { Results } from '../../pipeline/results.js';

/** Free text needs a larger group than numbers before any of it appears (DESIGN.md). */
export const COMMENT_MIN_GROUP = 10;

/**
 * Blanked first to last: age and gender carry the least of the study's analyses, tenure
 * is a covariate, race group and role define the confirmatory populations.
 */
export const SUPPRESSION_ORDER: readonly QuasiIdentifier[] = ['age_group', 'gender_group', 'tenure_group', 'race_group', 'role_group'];

export interface RespondentStats {
  rows: number;
  organizations: number;
  /** Organizations left out because fewer than k answered, and their respondents. */
  organizationsUnderK: number;
  respondentsUnderK: number;
  suppressed: Record<QuasiIdentifier, number>;
  rowsWithSuppression: number;
  /** Smallest group of identical (organization, quasi-identifiers) combinations; null when nothing is released. */
  smallestGroup: number | null;
  comments: { released: number; withheldSmallOrg: number; emails: number; urls: number; phones: number };
}

export interface OrgBlock {
  code: string;
  responses: ResponseRow[];
}

export function emptyRespondentStats(): RespondentStats {
  return {
    rows: 0, organizations: 0, organizationsUnderK: 0, respondentsUnderK: 0,
    suppressed: Object.fromEntries(SUPPRESSION_ORDER.map((q) => [q, 0])) as Record<QuasiIdentifier, number>,
    rowsWithSuppression: 0, smallestGroup: null,
    comments: { released: 0, withheldSmallOrg: 0, emails: 0, urls: 0, phones: 0 },
  };
}

/** The released rows of one organization (empty under k); updates `stats`. */
export function respondentRows(block: OrgBlock, k: number, includeComments: boolean, stats: RespondentStats): CsvRow[] {
  const n = block.responses.length;
  if (n === 0) return [];
  if (n < k) {
    stats.organizationsUnderK += 1;
    stats.respondentsUnderK += n;
    return [];
  }
  const banded = block.responses.map((r) => Object.fromEntries(QUASI_IDENTIFIERS.map((q) => [q.name, q.band(r)])) as Record<QuasiIdentifier, string | null>);
  const result = suppressToK(banded, SUPPRESSION_ORDER, k);
  for (const q of SUPPRESSION_ORDER) stats.suppressed[q] += result.suppressed[q];
  stats.rowsWithSuppression += result.rowsTouched;
  stats.smallestGroup = stats.smallestGroup === null ? result.smallestGroup : Math.min(stats.smallestGroup, result.smallestGroup);
  stats.rows += n;
  stats.organizations += 1;
  const commentsAllowed = includeComments && n >= COMMENT_MIN_GROUP;

  return block.responses.map((r, i) => {
    const row: Record<string, string | number | null> = { org_code: block.code };
    for (const q of QUASI_IDENTIFIERS) {
      const v = result.rows[i][q.name];
      row[q.name] = v === SUPPRESSED ? null : v;
      row[suppressedFlagName(q.name)] = v === SUPPRESSED ? 1 : 0;
    }
    for (const v of RELEASED_ITEMS) row[v.name] = (r as unknown as Record<string, string | number | null>)[v.name];
    const scored = scoreResponse(r as unknown as Record<string, unknown>);
    Object.assign(row, scored.scores);
    row.orientation_index = scored.orientation_index;
    if (includeComments) {
      const text = r.comment?.trim() ? r.comment : null;
      if (text !== null && !commentsAllowed) stats.comments.withheldSmallOrg += 1;
      if (text !== null && commentsAllowed) {
        const s = scrubContactDetails(text);
        stats.comments.released += 1;
        stats.comments.emails += s.emails;
        stats.comments.urls += s.urls;
        stats.comments.phones += s.phones;
        row.comment = s.text;
      } else row.comment = null;
    }
    return row;
  });
}

/**
 * Organizations whose rows this release leaves out: their row count differs from an earlier
 * release's by 1..k−1, so the two exports side by side would single out the newcomers; the
 * earlier release's rows stand (the pipeline's release pass decides, results.json says).
 */
export function exportWithheld(results: Results): ReadonlySet<string> {
  return new Set((results.disclosure.export_withheld ?? []).map((w) => w.org_code));
}

/** Streams a wave's responses one organization at a time (bounded memory on large waves), skipping `leaveOut` codes. */
export async function* responsesByOrganization(db: Kysely<Database>, waveId: string, studyId: string, leaveOut: ReadonlySet<string> = new Set()): AsyncGenerator<OrgBlock> {
  const orgs = await db.selectFrom('organizations').select(['id', 'code']).where('study_id', '=', studyId).orderBy('code').execute();
  for (const org of orgs) {
    if (leaveOut.has(org.code)) continue;
    const responses = await db
      .selectFrom('responses')
      .selectAll()
      .where('wave_id', '=', waveId)
      .where('organization_id', '=', org.id)
      // Random ids: a stable order that says nothing about when anyone answered.
      .orderBy('id')
      .execute();
    yield { code: org.code, responses };
  }
}
