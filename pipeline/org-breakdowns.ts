// What an organization report needs beyond the organization's own means: each scale and
// discussion question against the study benchmark (the staff of the other reportable
// organizations, pooled), with a Welch interval of the difference; and the organization's
// staff split by role group (organizers / other staff) and race group (people of color /
// white), each cell shown only when it and the rest of the organization hold at least k
// people, so the organization's total minus a cell never gives a group under k. The cells
// are registered with the release pass (releaseCells), which checks them with every other
// output and may withhold more.
import type { OrgAggregate, ScoredWave } from './aggregate.js';
import { BRIDGE_ITEMS } from './aggregate.js';
import { ORGANIZER } from './analyze/select.js';
import type { SuppressionRule } from './disclose.js';
import type { Cell, Withholding } from './release/cells.js';
import type { Dims } from './release/keys.js';
import type { OrgBreakdown, OrgBreakdownCell, OrgComparison, OrganizationSummary, Results, Withheld } from './results.js';
import { SCORED_SCALES } from './score.js';
import { tCritical } from './stats/distributions.js';

/** Scales compared with the study benchmark (the orientation scales are the report's own section). */
export const COMPARED_SCALES = ['satisfaction_score', 'intent_to_leave_score', 'culture_score', 'leadership_cb_score', 'decision_score', 'valued_score'] as const;
export const COMPARED_MEASURES: readonly string[] = [...COMPARED_SCALES, ...BRIDGE_ITEMS];
/** Measures split by role and race group inside an organization: the essay's two outcomes. */
export const BREAKDOWN_MEASURES: readonly string[] = ['satisfaction_score', 'intent_to_leave_score'];
/** A benchmark needs this many other organizations, so no single organization's mean can be read off it. */
export const MIN_OTHER_ORGS = 3;
/** A separation rate over fewer people than this swings by 20 points or more with one departure. */
export const MIN_RATE_HEADCOUNT = 5;

type Column = Float64Array | Uint8Array;

/** A measure's column: a scale score (NaN when missing) or a 1–5 item (0 when unanswered). */
export function measureColumn(sw: ScoredWave, measure: string): Column {
  const scale = SCORED_SCALES.find((s) => s.scoreName === measure);
  if (scale) return sw.scores[scale.id as keyof typeof sw.scores];
  const item = sw.data.items[measure];
  if (!item) throw new Error(`Unknown measure "${measure}": not a scale score or a discussion question.`);
  return item;
}

const valid = (col: Column, i: number): boolean => (col instanceof Float64Array ? col[i] === col[i] : col[i] > 0);

interface Moments {
  n: number;
  sum: number;
  sumSq: number;
  orgs: number;
}

const addTo = (m: Moments, col: Column, start: number, end: number): Moments => {
  let { n, sum, sumSq } = m;
  for (let i = start; i < end; i++) {
    if (!valid(col, i)) continue;
    const v = col[i];
    n++;
    sum += v;
    sumSq += v * v;
  }
  return { n, sum, sumSq, orgs: m.orgs };
};

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
    const empty: OrgComparison = { mean: null, benchmark: null, difference: null, ci_low: null, ci_high: null, verdict: null, withheld: WITHHELD_COMPARISON(k) };
    if (!own || !shown(measure)) {
      out[measure] = empty;
      continue;
    }
    const others: Moments = { n: p.total.n - own.n, sum: p.total.sum - own.sum, sumSq: p.total.sumSq - own.sumSq, orgs: p.total.orgs - 1 };
    // Every answer alike (variance 0) would be told by the interval's width: withheld, like a mean at a scale's end.
    const usable = others.orgs >= MIN_OTHER_ORGS && others.n >= 2 && own.n >= 2 && variance(own) > 0;
    const w = usable && interval ? welchFromMoments(own, others) : null;
    if (!usable || (interval && !w)) {
      out[measure] = empty;
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

interface Part {
  group: OrgBreakdownCell['group'];
  dims: Dims;
  members: Int32Array;
  values: Float64Array;
}

const BREAKDOWN_REASON = (k: number) =>
  `fewer than k = ${k} people in this group or in the rest of your staff (the total minus this group would give them away), or their answers would show how each answered`;

/** The organization's valid members of a measure (sorted indices). */
function validMembers(col: Column, start: number, end: number): Int32Array {
  const out = new Int32Array(end - start);
  let c = 0;
  if (col instanceof Float64Array) {
    for (let i = start; i < end; i++) if (col[i] === col[i]) out[c++] = i;
  } else {
    for (let i = start; i < end; i++) if (col[i] > 0) out[c++] = i;
  }
  return out.subarray(0, c);
}

/** The organization's valid members of a measure, split by role or race; the rest (group unknown) is implicit. */
function parts(sw: ScoredWave, o: OrgAggregate, measure: string, by: 'role' | 'race'): { parts: Part[]; all: Int32Array } {
  const col = measureColumn(sw, measure);
  const all = validMembers(col, o.rec.start, o.rec.start + o.rec.respondents);
  const a = new Int32Array(all.length);
  const b = new Int32Array(all.length);
  let na = 0;
  let nb = 0;
  for (let j = 0; j < all.length; j++) {
    const i = all[j];
    if (by === 'role') {
      const r = sw.data.role[i];
      if (r === ORGANIZER) a[na++] = i;
      else if (r !== 0) b[nb++] = i;
    } else {
      const p = sw.data.poc[i];
      if (p === 1) a[na++] = i;
      else if (p === 0) b[nb++] = i;
    }
  }
  const mk = (group: Part['group'], dims: Dims, idx: Int32Array): Part => ({ group, dims, members: idx, values: Float64Array.from(idx, (i) => col[i]) });
  const org = o.rec.code;
  return {
    all,
    parts:
      by === 'role'
        ? [mk('organizers', { org, role: 'organizer' }, a.subarray(0, na)), mk('other_staff', { org, role: 'other' }, b.subarray(0, nb))]
        : [mk('poc', { org, poc: '1' }, a.subarray(0, na)), mk('white', { org, poc: '0' }, b.subarray(0, nb))],
  };
}

const allAlike = (v: Float64Array | number[]): boolean => v.length > 0 && v.every((x) => x === v[0]);

/** Whether the members of `all` outside the shown parts (sorted index lists) all have one value. */
function restAlike(col: Column, all: Int32Array, shown: readonly Part[]): boolean {
  let first = NaN;
  let any = false;
  const cursors = shown.map(() => 0);
  for (let j = 0; j < all.length; j++) {
    const i = all[j];
    let taken = false;
    shown.forEach((p, q) => {
      while (cursors[q] < p.members.length && p.members[cursors[q]] < i) cursors[q]++;
      if (p.members[cursors[q]] === i) taken = true;
    });
    if (taken) continue;
    if (!any) {
      first = col[i];
      any = true;
    } else if (col[i] !== first) return false;
  }
  return any;
}

/**
 * Which parts may be shown: each has at least k people and so has the rest of the
 * organization (total − part); what stays hidden (withheld parts and people whose group is
 * unknown) is 0 or at least k together and not all alike, or nothing is shown; a part
 * whose answers are all alike is withheld.
 */
export function shownParts(sizes: readonly number[], total: number, k: number, alike: readonly boolean[] = []): boolean[] {
  const shown = sizes.map((n, i) => n >= k && total - n >= k && !alike[i]);
  for (;;) {
    const hidden = total - sizes.reduce((s, n, i) => s + (shown[i] ? n : 0), 0);
    if (hidden === 0 || hidden >= k) return shown;
    const smallest = sizes.map((n, i) => [n, i] as const).filter(([, i]) => shown[i]).sort((x, y) => x[0] - y[0])[0];
    if (!smallest) return shown;
    shown[smallest[1]] = false;
  }
}

/** Drafts by the summary they were made for, so the release pass reuses the members instead of splitting again. */
export const DRAFTS = new WeakMap<OrganizationSummary, BreakdownDraft[]>();

export interface BreakdownDraft {
  breakdown: OrgBreakdown;
  cells: { part: Part; published: boolean }[];
}

/** An organization's breakdowns; `shown(measure)` says whether its own mean of the measure is released. */
export function orgBreakdowns(sw: ScoredWave, o: OrgAggregate, shown: (measure: string) => boolean): BreakdownDraft[] {
  const k = sw.k;
  const out: BreakdownDraft[] = [];
  for (const measure of BREAKDOWN_MEASURES) {
    for (const by of ['role', 'race'] as const) {
      const { parts: ps, all } = parts(sw, o, measure, by);
      const ok = shown(measure);
      let show = ok ? shownParts(ps.map((p) => p.members.length), all.length, k, ps.map((p) => allAlike(p.values))) : ps.map(() => false);
      // What stays hidden can be worked out as total − shown parts: if it is all alike, showing nothing is the only safe choice.
      if (show.some(Boolean) && restAlike(measureColumn(sw, measure), all, ps.filter((_, i) => show[i]))) show = ps.map(() => false);
      const cells: OrgBreakdownCell[] = ps.map((p, i) => ({
        group: p.group,
        mean: show[i] ? p.values.reduce((s, v) => s + v, 0) / p.values.length : null,
        withheld: show[i] ? null : { rule: 'primary', reason: BREAKDOWN_REASON(k) },
      }));
      out.push({ breakdown: { measure, by, cells }, cells: ps.map((p, i) => ({ part: p, published: show[i] })) });
    }
  }
  return out;
}

/** Separation rates only where the group's mean headcount is at least MIN_RATE_HEADCOUNT. */
export function sizedSeparationRates(rates: OrganizationSummary['separation_rates']): OrganizationSummary['separation_rates'] {
  const out: OrganizationSummary['separation_rates'] = {};
  for (const [g, r] of Object.entries(rates)) out[g] = r.mean_headcount >= MIN_RATE_HEADCOUNT ? r : { ...r, rate: null, small_group: true };
  return out;
}

export interface ReleaseCell {
  cell: Omit<Cell, 'key'> & { dims: Dims };
  apply: (w: Withholding) => void;
}

/**
 * The organization report's own cells for the release pass: each comparison rests on the
 * same respondents as the organization's mean (same var and members: one view, withheld
 * together), each breakdown cell on its group. Withholding one breakdown cell withholds
 * its partner too, or the total would give it back.
 */
export function releaseCells(sw: ScoredWave, results: Results): ReleaseCell[] {
  const out: ReleaseCell[] = [];
  const aggByCode = new Map(sw.orgs.map((o) => [o.rec.code, o]));
  for (const s of results.organizations) {
    const o = aggByCode.get(s.code);
    if (!o || !s.reportable) continue;
    const code = s.code;
    for (const [measure, c] of Object.entries(s.comparisons ?? {})) {
      const m = validMembers(measureColumn(sw, measure), o.rec.start, o.rec.start + o.rec.respondents);
      out.push({
        cell: { id: `org/${code}/compare.${measure}`, var: measure, table: `org:compare.${measure}`, members: m, n: m.length, published: c.difference !== null, values: 4, dims: { org: code } },
        apply: (w) => {
          Object.assign(c, { mean: null, benchmark: null, difference: null, ci_low: null, ci_high: null, verdict: null, withheld: { rule: w.rule, reason: w.reason } });
        },
      });
    }
    if (!s.breakdowns) continue;
    const drafts = DRAFTS.get(s) ?? orgBreakdowns(sw, o, (measure) => s.scales[measure] != null);
    for (const d of drafts) {
      const b = s.breakdowns.find((x) => x.measure === d.breakdown.measure && x.by === d.breakdown.by);
      if (!b) continue;
      d.cells.forEach(({ part }, i) => {
        const cell = b.cells[i];
        out.push({
          cell: { id: `org/${code}/breakdown.${b.measure}.${b.by}.${cell.group}`, var: b.measure, table: `org:${code}:${b.measure}:${b.by}`, members: part.members, n: part.members.length, published: cell.mean !== null, values: 1, dims: part.dims },
          apply: (w) => {
            for (const x of b.cells) {
              if (x === cell) Object.assign(x, { mean: null, withheld: { rule: w.rule, reason: w.reason } });
              else if (x.mean !== null) Object.assign(x, { mean: null, withheld: { rule: 'complementary', reason: 'withheld with its partner, or the organization total would give the partner back' } });
            }
          },
        });
      });
    }
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
  const published = (o: OrgAggregate, m: string) => {
    const s = byCode.get(o.rec.code);
    return !!s?.reportable && (m in s.scales ? s.scales[m] !== null : s.bridge[m]?.mean != null);
  };
  const pool = benchmarkPool(sw, sw.orgs, published);
  for (const o of sw.orgs) {
    const s = byCode.get(o.rec.code);
    if (!s?.comparisons) continue;
    const fresh = orgComparisons(o, pool, k, (m) => published(o, m));
    for (const [m, c] of Object.entries(s.comparisons)) {
      // Withheld before or by the release pass: stays withheld, with its rule.
      if (c.difference === null) continue;
      s.comparisons[m] = fresh[m];
    }
  }
}

/** Copies disclosure.json's entries about each organization onto its summary (what its report lists as withheld). */
export function attachOrgWithheld(results: Results, withheld: readonly { id: string; rule: SuppressionRule; reason: string }[]): void {
  const byOrg = new Map<string, OrganizationSummary['withheld_cells']>();
  for (const w of withheld) {
    const m = /^org\/([^/]+)\//.exec(w.id) ?? /^export\/respondents\[([^\]]+)\]$/.exec(w.id);
    if (!m) continue;
    const list = byOrg.get(m[1]) ?? [];
    list.push({ id: w.id, rule: w.rule, reason: w.reason });
    byOrg.set(m[1], list);
  }
  for (const o of results.organizations) if (o.reportable) o.withheld_cells = byOrg.get(o.code) ?? [];
}
