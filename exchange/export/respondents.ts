// Builds respondents.csv organization by organization: bands the quasi-identifiers (every
// variable the codebook marks as one), suppresses locally to k — monotone in k, so exports
// of one wave at several k give back nothing — and scores the scales (the pipeline's
// scorer). Organizations under k contribute no rows. Free text never goes in this file:
// comments.ts writes it apart, unlinked to any row.
import type { Kysely } from 'kysely';
import type { Database, ResponseRow } from '../../data/database.js';
import { scoreResponse } from '../../pipeline/score.js';
import { SUPPRESSED, suppressToKMonotone } from './k-anonymity.js';
import { exportQuasiIdentifiers, type ExportQuasiIdentifier } from './quasi-identifiers.js';
import { releasedItems, suppressedFlagName } from './respondents-spec.js';
import type { CsvRow } from './csv-writer.js';
import type { Results } from '../../pipeline/results.js';

export { COMMENT_MIN_GROUP } from './comments.js';

/** Blanked first to last: the export's quasi-identifiers in suppression order (from the codebook). */
export const SUPPRESSION_ORDER: readonly string[] = exportQuasiIdentifiers().map((q) => q.name);

/** The codebook's quasi-identifiers, read once (not per organization). */
const DEFAULT_QIS: readonly ExportQuasiIdentifier[] = exportQuasiIdentifiers();

export interface RespondentStats {
  rows: number;
  organizations: number;
  /** Organizations left out because fewer than k answered, and their respondents. */
  organizationsUnderK: number;
  respondentsUnderK: number;
  /** Values blanked per quasi-identifier (column name). */
  suppressed: Record<string, number>;
  rowsWithSuppression: number;
  /** Smallest group of identical (organization, quasi-identifiers) combinations; null when nothing is released. */
  smallestGroup: number | null;
  comments: { released: number; withheldSmallOrg: number; emails: number; urls: number; phones: number };
}

export interface OrgBlock {
  /** The wave's name (the `wave` column). */
  wave?: string;
  code: string;
  responses: ResponseRow[];
  /** How many blocks the stream yields in all (for a progress display). */
  of?: number;
}

export function emptyRespondentStats(qis: readonly ExportQuasiIdentifier[] = exportQuasiIdentifiers()): RespondentStats {
  return {
    rows: 0, organizations: 0, organizationsUnderK: 0, respondentsUnderK: 0,
    suppressed: Object.fromEntries(qis.map((q) => [q.name, 0])),
    rowsWithSuppression: 0, smallestGroup: null,
    comments: { released: 0, withheldSmallOrg: 0, emails: 0, urls: 0, phones: 0 },
  };
}

/**
 * The released rows of one organization (empty under k); updates `stats`. `qis` defaults
 * to the codebook's quasi-identifiers.
 */
export function respondentRows(block: OrgBlock, k: number, stats: RespondentStats, qis: readonly ExportQuasiIdentifier[] = DEFAULT_QIS): CsvRow[] {
  const n = block.responses.length;
  if (n === 0) return [];
  if (n < k) {
    stats.organizationsUnderK += 1;
    stats.respondentsUnderK += n;
    return [];
  }
  const names = qis.map((q) => q.name);
  const banded = block.responses.map((r) => Object.fromEntries(qis.map((q) => [q.name, q.band(r)])) as Record<string, string | null>);
  const result = suppressToKMonotone(banded, names, k);
  for (const q of names) stats.suppressed[q] = (stats.suppressed[q] ?? 0) + result.suppressed[q];
  stats.rowsWithSuppression += result.rowsTouched;
  stats.smallestGroup = stats.smallestGroup === null ? result.smallestGroup : Math.min(stats.smallestGroup, result.smallestGroup);
  stats.rows += n;
  stats.organizations += 1;
  const items = releasedItems(qis);

  return block.responses.map((r, i) => {
    const row: Record<string, string | number | null> = { wave: block.wave ?? null, org_code: block.code };
    for (const q of qis) {
      const v = result.rows[i][q.name];
      row[q.name] = v === SUPPRESSED ? null : v;
      row[suppressedFlagName(q.name)] = v === SUPPRESSED ? 1 : 0;
    }
    for (const v of items) row[v.name] = (r as unknown as Record<string, string | number | null>)[v.name];
    const scored = scoreResponse(r as unknown as Record<string, unknown>);
    Object.assign(row, scored.scores);
    row.orientation_index = scored.orientation_index;
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

/** Organizations read per query: few queries, and memory bounded by a batch, not the wave. */
const ORGS_PER_QUERY = 200;

/** Streams a wave's responses one organization at a time (bounded memory on large waves), skipping `leaveOut` codes. */
export async function* responsesByOrganization(db: Kysely<Database>, waveId: string, studyId: string, leaveOut: ReadonlySet<string> = new Set(), waveName?: string): AsyncGenerator<OrgBlock> {
  const orgs = (await db.selectFrom('organizations').select(['id', 'code']).where('study_id', '=', studyId).orderBy('code').execute()).filter((o) => !leaveOut.has(o.code));
  const of = orgs.length;
  for (let start = 0; start < orgs.length; start += ORGS_PER_QUERY) {
    const batch = orgs.slice(start, start + ORGS_PER_QUERY);
    const rows = await db
      .selectFrom('responses')
      .selectAll()
      .where('wave_id', '=', waveId)
      .where('organization_id', 'in', batch.map((o) => o.id))
      // Random ids: a stable order that says nothing about when anyone answered.
      .orderBy('organization_id')
      .orderBy('id')
      .execute();
    const byOrg = new Map<string, ResponseRow[]>(batch.map((o) => [o.id, []]));
    for (const r of rows) byOrg.get(r.organization_id)!.push(r);
    for (const org of batch) yield { wave: waveName, code: org.code, responses: byOrg.get(org.id)!, of };
  }
}
