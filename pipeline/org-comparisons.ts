// An organization's results against the study benchmark: each scale and discussion
// question, its staff against the pooled staff of the other organizations with a report,
// as a difference with a 95% Welch interval (independent groups, unequal variances) and a
// verdict that names a direction only when the interval excludes zero. Before the release
// pass only what will be published is decided; the intervals are computed after it, over
// the organizations whose own figure the release publishes (finishComparisons).
import type { OrgAggregate, ScoredWave } from './aggregate.js';
import { BRIDGE_ITEMS } from './aggregate.js';
import type { OrgComparison, Results, Withheld } from './results.js';
import { SCORED_SCALES } from './score.js';
import { tCritical } from './stats/distributions.js';

/** Scales compared with the study benchmark (the orientation scales are the report's own section). */
export const COMPARED_SCALES = ['satisfaction_score', 'intent_to_leave_score', 'culture_score', 'leadership_cb_score', 'decision_score', 'valued_score'] as const;
export const COMPARED_MEASURES: readonly string[] = [...COMPARED_SCALES, ...BRIDGE_ITEMS];
/** A benchmark needs this many other organizations, so no single organization's mean can be read off it. */
export const MIN_OTHER_ORGS = 3;

export type Column = Float64Array | Uint8Array;

/** A measure's column: a scale score (NaN when missing) or a 1–5 item (0 when unanswered). */
export function measureColumn(sw: ScoredWave, measure: string): Column {
  const scale = SCORED_SCALES.find((s) => s.scoreName === measure);
  if (scale) return sw.scores[scale.id as keyof typeof sw.scores];
  const item = sw.data.items[measure];
  if (!item) throw new Error(`Unknown measure "${measure}": not a scale score or a discussion question.`);
  return item;
}

export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
  orgs: number;
}

const addTo = (m: Moments, col: Column, start: number, end: number): Moments => (col instanceof Float64Array ? addScores(m, col, start, end) : addItems(m, col, start, end));

// One loop per column type: a loop fed both Float64Array and Uint8Array reads each element
// several times slower, and the benchmark pools visit every respondent of every measure, twice.
function addScores(m: Moments, col: Float64Array, start: number, end: number): Moments {
  let { n, sum, sumSq } = m;
  for (let i = start; i < end; i++) {
    const v = col[i];
    if (v !== v) continue;
    n++;
    sum += v;
    sumSq += v * v;
  }
  return { n, sum, sumSq, orgs: m.orgs };
}

function addItems(m: Moments, col: Uint8Array, start: number, end: number): Moments {
  let { n, sum, sumSq } = m;
  for (let i = start; i < end; i++) {
    const v = col[i];
    if (!(v > 0)) continue;
    n++;
    sum += v;
    sumSq += v * v;
  }
  return { n, sum, sumSq, orgs: m.orgs };
}

/** Sample variance from moments; 0 when fewer than two values. */
const variance = (m: Moments): number => (m.n < 2 ? 0 : Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1)));

/** The verdict rule: a direction only when the interval of the difference excludes 0. */
export function verdictOf(ciLow: number, ciHigh: number): 'higher' | 'lower' | 'about_the_same' {
  if (ciLow > 0) return 'higher';
  if (ciHigh < 0) return 'lower';
  return 'about_the_same';
}

/** Welch's interval of mean(a) − mean(b) from moments (independent groups, unequal variances). */
export function welchFromMoments(a: Moments, b: Moments, level = 0.95): { difference: number; ci_low: number; ci_high: number } | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = variance(a) / a.n;
  const vb = variance(b) / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const df = se2 ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const difference = a.sum / a.n - b.sum / b.n;
  const half = tCritical(df, level) * Math.sqrt(se2);
  return { difference, ci_low: difference - half, ci_high: difference + half };
}

const WITHHELD_COMPARISON = (k: number): Withheld => ({
  rule: 'primary',
  reason: `fewer than k = ${k} of your staff have this measure, their answers would show how each answered, or too few other organizations to compare with`,
});

/** Per measure, the pooled moments of the reportable organizations (the benchmark before taking one out). */
export function benchmarkPool(
  sw: ScoredWave,
  reportable: readonly OrgAggregate[],
  include: (o: OrgAggregate, measure: string) => boolean = () => true,
): Map<string, { total: Moments; byOrg: Map<OrgAggregate, Moments> }> {
  const out = new Map<string, { total: Moments; byOrg: Map<OrgAggregate, Moments> }>();
  for (const measure of COMPARED_MEASURES) {
    const col = measureColumn(sw, measure);
    let total: Moments = { n: 0, sum: 0, sumSq: 0, orgs: 0 };
    const byOrg = new Map<OrgAggregate, Moments>();
    for (const o of reportable) {
      if (!include(o, measure)) continue;
      const own = addTo({ n: 0, sum: 0, sumSq: 0, orgs: 1 }, col, o.rec.start, o.rec.start + o.rec.respondents);
      // An organization whose measure rests on fewer than k is not part of anyone's benchmark.
      if (own.n < sw.k) continue;
      byOrg.set(o, own);
      total = { n: total.n + own.n, sum: total.sum + own.sum, sumSq: total.sumSq + own.sumSq, orgs: total.orgs + 1 };
    }
    out.set(measure, { total, byOrg });
  }
  return out;
}

/**
 * One organization against the other organizations' staff; `shown(measure)` says whether
 * its own mean is released. `interval: false` (before the release pass, which only needs
 * to know what will be published) leaves the interval and verdict to finishComparisons:
 * the t quantile is most of the cost.
 */
export function orgComparisons(o: OrgAggregate, pool: ReturnType<typeof benchmarkPool>, k: number, shown: (measure: string) => boolean, interval = true): Record<string, OrgComparison> {
  const out: Record<string, OrgComparison> = {};
  for (const measure of COMPARED_MEASURES) {
    const p = pool.get(measure)!;
    const own = p.byOrg.get(o);
    // Made only where used, one object each (the release pass may change one comparison alone).
    const empty = (): OrgComparison => ({ mean: null, benchmark: null, difference: null, ci_low: null, ci_high: null, verdict: null, withheld: WITHHELD_COMPARISON(k) });
    if (!own || !shown(measure)) {
      out[measure] = empty();
      continue;
    }
    const others: Moments = { n: p.total.n - own.n, sum: p.total.sum - own.sum, sumSq: p.total.sumSq - own.sumSq, orgs: p.total.orgs - 1 };
    // Every answer alike (variance 0) would be told by the interval's width: withheld, like a mean at a scale's end.
    const usable = others.orgs >= MIN_OTHER_ORGS && others.n >= 2 && own.n >= 2 && variance(own) > 0;
    const w = usable && interval ? welchFromMoments(own, others) : null;
    if (!usable || (interval && !w)) {
      out[measure] = empty();
      continue;
    }
    const mean = own.sum / own.n;
    const benchmark = others.sum / others.n;
    out[measure] = w
      ? { mean, benchmark, ...w, verdict: verdictOf(w.ci_low, w.ci_high), withheld: null }
      : { mean, benchmark, difference: mean - benchmark, ci_low: null, ci_high: null, verdict: null, withheld: null };
  }
  return out;
}

/**
 * After the release pass: each comparison is recomputed against the staff of the other
 * organizations whose own figure for that measure this release publishes. A benchmark
 * pooled over everyone would move by one person when one late response arrives anywhere,
 * and a reader comparing two releases could work that person's answer out; pooled over
 * published figures only, it moves by whole organizations whose figures were published.
 */
export function finishComparisons(sw: ScoredWave, results: Results): void {
  const k = sw.k;
  const byCode = new Map(results.organizations.map((s) => [s.code, s]));
  const summaryOf = new Map(sw.orgs.map((o) => [o, byCode.get(o.rec.code)]));
  const published = (o: OrgAggregate, m: string) => {
    const s = summaryOf.get(o);
    return !!s?.reportable && (m in s.scales ? s.scales[m] !== null : s.bridge[m]?.mean != null);
  };
  const pool = benchmarkPool(sw, sw.orgs, published);
  for (const o of sw.orgs) {
    const s = summaryOf.get(o);
    if (!s?.comparisons) continue;
    const had = s.comparisons;
    // Only the comparisons still shown are recomputed (the t quantile is most of the cost).
    const fresh = orgComparisons(o, pool, k, (m) => had[m]?.difference !== null && published(o, m));
    for (const [m, c] of Object.entries(s.comparisons)) {
      // Withheld before or by the release pass: stays withheld, with its rule.
      if (c.difference === null) continue;
      s.comparisons[m] = fresh[m];
    }
  }
}
