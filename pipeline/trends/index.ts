// Trends of a run: the study's earlier published waves compared with this one (issue #21).
// Two steps around the release pass: before it, the study-wide scale means and the cells
// the pass must check (those means, and each scale's continuing-organization group); after
// it, from the published values only, the trend series, each organization's own change and
// the standard errors a later wave will need.
import type { PublishedWave } from '../../data/repositories/releases.js';
import type { ScoredWave } from '../aggregate.js';
import { withhold } from '../disclose.js';
import type { ExtraCell } from '../release/build.js';
import type { Results, Trends, TrendWave, Withheld } from '../results.js';
import { classifyEarlier, type ComparedWave, type LeftOut } from './earlier.js';
import { itemVersions, TREND_SCALES } from './items.js';
import { addOrganizationTrends } from './organizations.js';
import { addScaleSe, publishedOrgs, SCALE_MEAN_VALUES, scaleMeanCells, studyScaleMeans } from './scale-means.js';
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

export interface BeforeRelease {
  /** The cells the release pass checks. */
  cells: ExtraCell[];
  /** Per scale score name, the organizations whose respondents the study-wide mean rests on. */
  included: Map<string, Set<string>>;
}

/** A cell trends withheld after the pass (to be added to the release's records). */
export interface LateWithholding {
  id: string;
  rule: 'complementary';
  reason: string;
  /** How many values the withheld cell held (for the release's information-lost figures). */
  values: number;
}

/** Before the release pass: study-wide means and instrument fingerprints into `results`; the cells to check. */
export function beforeRelease(sw: ScoredWave, results: Results, plan: TrendPlan): BeforeRelease {
  results.codebook = { item_versions: itemVersions() };
  results.scale_means = studyScaleMeans(sw, results);
  const cells = scaleMeanCells(results);
  const included = new Map(TREND_SCALES.map((sc) => [sc.scoreName, publishedOrgs(results, sc.scoreName)]));
  const prev = plan.compared.at(-1);
  if (!prev) return { cells, included };
  for (const sc of TREND_SCALES) {
    const before = publishedOrgs(prev.results, sc.scoreName);
    const both = new Set([...publishedOrgs(results, sc.scoreName)].filter((c) => before.has(c)));
    if (both.size === 0) continue;
    // The pass records what it withholds in the suppression log; afterRelease reads it there.
    const column = sc.id === 'org' || sc.id === 'mob' ? { column: 'orientation_index' } : {};
    cells.push({ id: continuingId(sc.scoreName), var: sc.scoreName, ...column, table: 'trends:continuing', orgs: both, published: true, values: 4, dims: { org: [...both] }, apply: () => {} });
  }
  return { cells, included };
}

/**
 * A study-wide mean rests on the organizations whose own mean was published before the
 * pass. When the pass then withholds one of those organization means (complementary
 * suppression, differencing), the study-wide mean minus the others would give it back: the
 * mean is withheld too. Returns what was withheld, for the release's records.
 */
function withholdShrunk(results: Results, included: ReadonlyMap<string, Set<string>>, log: Results['disclosure']['suppressed']): LateWithholding[] {
  const out: LateWithholding[] = [];
  for (const sc of TREND_SCALES) {
    const id = `scale.${sc.id}`;
    const list = results.scale_means ?? [];
    const i = list.findIndex((e) => e.id === id);
    if (i < 0 || list[i].estimate === null) continue;
    const now = publishedOrgs(results, sc.scoreName);
    const lost = [...(included.get(sc.scoreName) ?? [])].some((c) => !now.has(c));
    if (!lost) continue;
    const reason = 'an organization mean it includes was withheld by the release pass, and the study-wide mean would give it back';
    list[i] = withhold(list[i], `Suppressed: ${reason}.`, { rule: 'complementary', reason });
    log.push({ id: `scale_means/${id}`, rule: 'complementary', reason });
    out.push({ id: `scale_means/${id}`, rule: 'complementary', reason, values: SCALE_MEAN_VALUES });
  }
  return out;
}

/** After the release pass: trends, organizations' own changes and standard errors, from published values; returns what it withheld. */
export function afterRelease(sw: ScoredWave, results: Results, plan: TrendPlan, before: BeforeRelease): LateWithholding[] {
  const late = withholdShrunk(results, before.included, results.disclosure.suppressed);
  addScaleSe(sw, results);
  const instrument = { itemVersions: results.codebook?.item_versions ?? itemVersions(), instrumentVersions: results.study.instrument_versions };
  addOrganizationTrends(results, plan.compared, instrument, plan.anyEarlier);
  if (!plan.anyEarlier) {
    results.trends = null;
    return late;
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
  // This wave last, even when no earlier wave is compared (the report then says why).
  waves.push({
    wave_id: results.study.wave_id,
    name: results.study.wave_name,
    opens_on: plan.opensOn,
    k: results.study.k,
    release_id: null,
    instrument_versions: results.study.instrument_versions,
    organizations_reportable: results.participation.organizations_reportable,
    continuing_organizations: prev ? continuingCount(prev.results, results) : null,
  });
  const trends: Trends = {
    waves,
    series: prev ? buildSeries({ results, compared: plan.compared, instrument, continuingWithheld: withheld }) : [],
    left_out: plan.leftOut,
  };
  results.trends = trends;
  return late;
}

/** Organizations reportable in both waves (a count of organizations, not of people). */
function continuingCount(a: Pick<Results, 'organizations'>, b: Pick<Results, 'organizations'>): number {
  const before = new Set(a.organizations.filter((o) => o.reportable).map((o) => o.code));
  return b.organizations.filter((o) => o.reportable && before.has(o.code)).length;
}
