// Trends of a run: the study's earlier published waves compared with this one (issue #21).
// Two steps around the release pass: before it, the study-wide scale means and the cells
// the pass must check (those means, and each scale's continuing-organization group); after
// it, from the published values only, the trend series, each organization's own change and
// the standard errors a later wave will need.
import type { PublishedWave } from '../../data/repositories/releases.js';
import type { ScoredWave } from '../aggregate.js';
import type { ExtraCell } from '../release/build.js';
import type { Results, Trends, TrendWave, Withheld } from '../results.js';
import { classifyEarlier, type ComparedWave, type LeftOut } from './earlier.js';
import { itemVersions, TREND_SCALES } from './items.js';
import { addOrganizationTrends } from './organizations.js';
import { addScaleSe, publishedOrgs, scaleMeanCells, studyScaleMeans } from './scale-means.js';
import { buildSeries } from './series.js';

export interface TrendPlan {
  anyEarlier: boolean;
  compared: ComparedWave[];
  leftOut: LeftOut[];
  opensOn: string | null;
}

export function planTrends(earlier: readonly PublishedWave[], run: { studyId: string; k: number; opensOn: string | null }): TrendPlan {
  const { compared, leftOut } = classifyEarlier(earlier, run);
  return { anyEarlier: earlier.length > 0, compared, leftOut, opensOn: run.opensOn };
}

const continuingId = (scoreName: string) => `trends/continuing/${scoreName}`;

/** Before the release pass: study-wide means and instrument fingerprints into `results`; the cells to check. */
export function beforeRelease(sw: ScoredWave, results: Results, plan: TrendPlan): ExtraCell[] {
  results.codebook = { item_versions: itemVersions() };
  results.scale_means = studyScaleMeans(sw, results);
  const cells = scaleMeanCells(results);
  const prev = plan.compared.at(-1);
  if (!prev) return cells;
  for (const sc of TREND_SCALES) {
    const before = publishedOrgs(prev.results, sc.scoreName);
    const both = new Set([...publishedOrgs(results, sc.scoreName)].filter((c) => before.has(c)));
    if (both.size === 0) continue;
    // The pass records what it withholds in the suppression log; afterRelease reads it there.
    cells.push({ id: continuingId(sc.scoreName), var: sc.scoreName, table: 'trends:continuing', orgs: both, published: true, values: 4, dims: { org: [...both] }, apply: () => {} });
  }
  return cells;
}

/** After the release pass: trends, organizations' own changes and standard errors, from published values. */
export function afterRelease(sw: ScoredWave, results: Results, plan: TrendPlan): void {
  addScaleSe(sw, results);
  const instrument = { itemVersions: results.codebook?.item_versions ?? itemVersions(), instrumentVersions: results.study.instrument_versions };
  addOrganizationTrends(results, plan.compared, instrument, plan.anyEarlier);
  if (!plan.anyEarlier) {
    results.trends = null;
    return;
  }
  const withheld = new Map<string, Withheld>();
  for (const s of results.disclosure.suppressed) {
    if (s.id.startsWith('trends/continuing/')) withheld.set(s.id.slice('trends/continuing/'.length), { rule: s.rule, reason: s.reason });
  }
  const waves: TrendWave[] = plan.compared.map((w, i) => ({
    wave_id: w.waveId,
    name: w.name,
    opens_on: w.opensOn,
    k: w.k,
    release_id: w.releaseId,
    instrument_versions: w.results.study.instrument_versions,
    organizations_reportable: w.results.participation.organizations_reportable,
    continuing_organizations: i === 0 ? null : continuingCount(plan.compared[i - 1].results, w.results),
  }));
  const prev = plan.compared.at(-1);
  if (prev) {
    waves.push({
      wave_id: results.study.wave_id,
      name: results.study.wave_name,
      opens_on: plan.opensOn,
      k: results.study.k,
      release_id: null,
      instrument_versions: results.study.instrument_versions,
      organizations_reportable: results.participation.organizations_reportable,
      continuing_organizations: continuingCount(prev.results, results),
    });
  }
  const trends: Trends = {
    waves,
    series: prev ? buildSeries({ results, compared: plan.compared, instrument, continuingWithheld: withheld }) : [],
    left_out: plan.leftOut,
  };
  results.trends = trends;
}

/** Organizations reportable in both waves (a count of organizations, not of people). */
function continuingCount(a: Pick<Results, 'organizations'>, b: Pick<Results, 'organizations'>): number {
  const before = new Set(a.organizations.filter((o) => o.reportable).map((o) => o.code));
  return b.organizations.filter((o) => o.reportable && before.has(o.code)).length;
}
