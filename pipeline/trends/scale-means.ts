// Study-wide scale means of one wave, and each organization's standard error of its scale
// means — the numbers a later wave's trends compare with. The study-wide mean runs over the
// respondents of the organizations whose own mean of that scale is published: organizations
// under k are left out (as on the orientation map), so the mean can never be set against
// the published organization means to give back the few people of the others.
import type { ScoredWave } from '../aggregate.js';
import { withhold } from '../disclose.js';
import type { ExtraCell } from '../release/build.js';
import type { Estimate, Results, Withheld } from '../results.js';
import { clusteredMeanCI } from '../stats/clustered-mean.js';
import { SCORED_SCALES } from '../score.js';
import { SCALE_LABELS, TREND_SCALES } from './items.js';

/** Values a study-wide scale mean publishes (mean, CI low and high, n, organizations). */
export const SCALE_MEAN_VALUES = 5;

const ORIENTATION = new Set(['org', 'mob']);

const METHOD =
  'Mean over the respondents of the organizations whose own mean of this scale is published (organizations under k left out; organizing and mobilizing practice over those with an orientation index, as the organization means), 95% CI clustered by organization: CR2 (Bell–McCaffrey) with Satterthwaite degrees of freedom, the intercept-only fit as R clubSandwich computes it';

/** Codes of the reportable organizations whose mean of `scoreName` the results publish. */
export function publishedOrgs(results: Pick<Results, 'organizations'>, scoreName: string): Set<string> {
  const out = new Set<string>();
  for (const o of results.organizations) if (o.reportable && o.scales[scoreName] != null) out.add(o.code);
  return out;
}

/** Study-wide means of the trend scales (before the release pass, which may withhold them). */
export function studyScaleMeans(sw: ScoredWave, results: Results): Estimate[] {
  const k = sw.k;
  return TREND_SCALES.map((sc) => {
    const codes = publishedOrgs(results, sc.scoreName);
    const { y, cluster, m, respondents } = publishedValues(sw, codes, sw.scores[sc.id], ORIENTATION.has(sc.id));
    const base: Estimate = {
      id: `scale.${sc.id}`,
      label: SCALE_LABELS[sc.id],
      population: 'respondents of organizations whose own mean is published',
      n: null,
      n_orgs: null,
      estimate: null,
      ci_low: null,
      ci_high: null,
      p: null,
      method: METHOD,
      confirmatory: false,
      suppressed: false,
      scale: 'mean',
    };
    let fit;
    try {
      fit = m > 0 ? clusteredMeanCI(y.subarray(0, m), cluster.subarray(0, m)) : null;
    } catch (cause) {
      return { ...base, note: `Not estimable: ${(cause as Error).message}.` };
    }
    if (!fit) return { ...base, note: 'Not estimable: no organization has a published mean of this scale.' };
    // The gap to the published organization counts is the number who skipped the scale: a count under k is not shown.
    const gap = respondents - fit.n;
    return {
      ...base,
      n: gap === 0 || gap >= k ? fit.n : null,
      n_orgs: fit.nClusters,
      estimate: fit.mean,
      ci_low: fit.ciLow,
      ci_high: fit.ciHigh,
      details: { se_cr2: fit.se, df: fit.df, score: sc.scoreName },
    };
  });
}

/**
 * The valid values of `col` of the organizations in `codes` (for the orientation scales, of
 * those with an orientation index), with each one's organization, and how many respondents
 * those organizations have.
 */
function publishedValues(sw: ScoredWave, codes: ReadonlySet<string>, col: Float64Array, needsIndex: boolean): { y: Float64Array; cluster: Int32Array; m: number; respondents: number } {
  const ranges: number[] = [];
  let respondents = 0;
  for (const o of sw.orgs) {
    if (!codes.has(o.rec.code)) continue;
    ranges.push(o.rec.start, o.rec.start + o.rec.respondents);
    respondents += o.rec.respondents;
  }
  // Typed buffers: at a million respondents per scale, arrays of boxed numbers cost more than the fit.
  const y = new Float64Array(sw.data.n);
  const cluster = new Int32Array(sw.data.n);
  const m = copyValid(col, needsIndex ? sw.index : null, sw.data.org, Int32Array.from(ranges), y, cluster);
  return { y, cluster, m, respondents };
}

/**
 * Copies the valid values in `ranges` (start, end pairs) into `y`, with their organizations
 * into `cluster`; returns how many. Typed arrays in, a number out: V8 optimizes the loop
 * while it runs, and code after it that reads objects had no type feedback yet, which threw
 * the optimized code away at the end of every call (each scale's call ran unoptimized).
 */
function copyValid(col: Float64Array, index: Float64Array | null, org: Int32Array, ranges: Int32Array, y: Float64Array, cluster: Int32Array): number {
  let m = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const end = ranges[r + 1];
    for (let i = ranges[r]; i < end; i++) {
      const v = col[i];
      if (v === v && (index === null || index[i] === index[i])) {
        y[m] = v;
        cluster[m++] = org[i];
      }
    }
  }
  return m;
}

/** The cells the release pass checks for the study-wide means, each withholding its estimate. */
export function scaleMeanCells(results: Results): ExtraCell[] {
  const cells: ExtraCell[] = [];
  for (const sc of TREND_SCALES) {
    const codes = publishedOrgs(results, sc.scoreName);
    const id = `scale.${sc.id}`;
    const e = results.scale_means?.find((x) => x.id === id);
    if (!e || codes.size === 0) continue;
    cells.push({
      id: `scale_means/${id}`,
      var: sc.scoreName,
      ...(ORIENTATION.has(sc.id) ? { column: 'orientation_index' } : {}),
      table: 'scale_means',
      orgs: codes,
      published: e.estimate !== null,
      values: SCALE_MEAN_VALUES,
      dims: { org: [...codes] },
      apply: (w) => {
        const list = results.scale_means ?? [];
        const i = list.findIndex((x) => x.id === id);
        const withheld: Withheld = { rule: w.rule, reason: w.reason };
        if (i >= 0) list[i] = withhold(list[i], `Suppressed: ${w.reason}.`, withheld);
      },
    });
  }
  return cells;
}

/**
 * Each reportable organization's standard error of its published scale means, over the same
 * respondents as the mean (for the orientation scales, those with an orientation index).
 * Written after the release pass: a withheld mean gets no standard error.
 */
export function addScaleSe(sw: ScoredWave, results: Results): void {
  const byCode = new Map(sw.orgs.map((o) => [o.rec.code, o]));
  for (const s of results.organizations) {
    const o = byCode.get(s.code);
    if (!s.reportable || !o) continue;
    const se: Record<string, number | null> = {};
    for (const sc of SCORED_SCALES) {
      const mean = s.scales[sc.scoreName];
      se[sc.scoreName] = null;
      if (mean == null) continue;
      const col = sw.scores[sc.id];
      // Looked up once per scale, not per respondent: this loop visits every respondent of every scale.
      const needsIndex = ORIENTATION.has(sc.id);
      const index = sw.index;
      const end = o.rec.start + o.rec.respondents;
      let n = 0;
      let sum = 0;
      let sq = 0;
      for (let i = o.rec.start; i < end; i++) {
        const v = col[i];
        if (v !== v || (needsIndex && index[i] !== index[i])) continue;
        n++;
        sum += v;
        sq += v * v;
      }
      if (n < 2) continue;
      const m = sum / n;
      const variance = Math.max(0, (sq - n * m * m) / (n - 1));
      se[sc.scoreName] = Math.sqrt(variance / n);
    }
    s.scale_se = se;
  }
}
