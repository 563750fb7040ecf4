// Per-organization summaries for organization reports, already disclosure-checked: an
// organization under k respondents is not reportable and carries no staff-derived value,
// not even its count of respondents; within a reportable one, each value needs k
// respondents behind it, answer tables add up to the respondents (answer-table.ts), and a
// mean at either end of its scale (everyone gave that answer) is withheld.
// An organization with more respondents than its headcount (the study team's cap, else its
// profile's headcount) is not reportable either: some responses cannot be from its staff,
// and planted ones are how a contact would pad a small organization to k (issue #19).
import { STAFF_GROUPS } from '../data/database.js';
import { headcountLimit } from '../data/repositories/headcount.js';
import type { OrgAggregate, ScoredWave } from './aggregate.js';
import { BRIDGE_ITEMS } from './aggregate.js';
import { releaseAnswerTable, revealsEveryAnswer } from './answer-table.js';
import { DRAFTS, orgBreakdowns, sizedSeparationRates, SplitScratch } from './org-breakdowns.js';
import { benchmarkPool, orgComparisons } from './org-comparisons.js';
import { releasedCount } from './participation.js';
import type { OrganizationSummary } from './results.js';
import type { SuppressionLog } from './disclose.js';
import { SCORED_SCALES } from './score.js';

/** `log`, when given, receives each withheld answer-table cell with its rule. */
export function organizationSummaries(sw: ScoredWave, log?: SuppressionLog): OrganizationSummary[] {
  const k = sw.k;
  // Decided once per organization: it is asked three times each.
  const within = new Map<OrgAggregate, boolean>();
  for (const o of sw.orgs) {
    const limit = headcountLimit(o.rec.headcountCap, sw.data.profiles.get(o.rec.id));
    within.set(o, limit === null || o.rec.respondents <= limit.limit);
  }
  const withinHeadcount = (o: OrgAggregate) => within.get(o)!;
  // Sorted, so each organization's rank is two binary searches rather than a pass over all of them.
  const ranked = Float64Array.from(sw.orgs.filter((o) => o.rec.respondents >= k && withinHeadcount(o) && o.type !== null), (o) => o.index!).sort();
  // The benchmark each organization is compared with: the staff of the other reportable organizations.
  const pool = benchmarkPool(sw, sw.orgs.filter((o) => o.rec.respondents >= k && withinHeadcount(o)));
  const scratch = new SplitScratch();
  return [...sw.orgs]
    .sort((a, b) => (a.rec.code < b.rec.code ? -1 : a.rec.code > b.rec.code ? 1 : 0))
    .map((o) => {
      const s = summary(o, k, ranked, withinHeadcount(o), log);
      if (!s.reportable) return s;
      const shown = (m: string) => (m in s.scales ? s.scales[m] !== null : s.bridge[m]?.mean != null);
      // Intervals come after the release pass (finishComparisons), over the published pool.
      s.comparisons = orgComparisons(o, pool, k, shown, false);
      const drafts = orgBreakdowns(sw, o, shown, scratch);
      DRAFTS.set(s, drafts);
      s.breakdowns = drafts.map((d) => d.breakdown);
      return s;
    });
}

function summary(o: OrgAggregate, k: number, ranked: Float64Array, withinHeadcount: boolean, log?: SuppressionLog): OrganizationSummary {
  // Released only with at least k responses, all of which could be from its staff.
  const reportable = o.rec.respondents >= k && withinHeadcount;
  const suppressed: string[] = [];
  const orientationOk = reportable && o.type !== null;
  if (reportable && !orientationOk) suppressed.push(`orientation: fewer than k = ${k} respondents have an orientation index`);
  const scales: Record<string, number | null> = {};
  for (const s of SCORED_SCALES) {
    // A mean at an end of the scale says everyone answered that end. It is withheld with
    // the same words as a mean over too few scores, so the withholding does not say which.
    const ok = reportable && o.scaleN[s.scoreName] >= k && !revealsEveryAnswer(o.scaleMean[s.scoreName], s.min, s.max);
    if (reportable && !ok) suppressed.push(`${s.scoreName}: fewer than k = ${k} respondents have a score, or their answers would show how each answered`);
    scales[s.scoreName] = ok ? o.scaleMean[s.scoreName] : null;
  }
  const bridge: OrganizationSummary['bridge'] = {};
  for (const b of BRIDGE_ITEMS) {
    const counts = o.bridge[b];
    const n = counts.reduce((s, c) => s + c, 0);
    // The answer table adds up to the organization's respondents; cells under k are withheld
    // with a partner, and a table where everyone answered alike is coarsened (answer-table.ts).
    const released = reportable ? releaseAnswerTable(counts, o.rec.respondents, k) : null;
    // A mean of 1.00 or 5.00 says everyone gave that answer: withheld, in the same words as a
    // mean over too few answers. (Beside the banded table a mean narrows how withheld cells
    // split; docs/privacy.md states that limit.)
    const raw = n > 0 ? counts.reduce((s, c, j) => s + c * (j + 1), 0) / n : null;
    const ok = reportable && n >= k && !revealsEveryAnswer(raw, 1, 5);
    if (reportable && !ok) suppressed.push(`${b}: fewer than k = ${k} answers, or their answers would show how each answered`);
    const mean = ok ? raw : null;
    if (released?.table.withheld) suppressed.push(`${b} answer table: ${released.table.withheld.reason}`);
    for (const r of released?.rules ?? []) log?.suppressed.push({ id: `organizations.${o.rec.code}.bridge.${b}.table`, reason: r.reason, rule: r.rule });
    bridge[b] = ok
      ? { mean, counts: released!.counts, table: released!.table }
      : { mean: null, counts: null, table: reportable ? released!.table : null };
  }
  const facts = o.facts;
  const separationRates: OrganizationSummary['separation_rates'] = {};
  for (const g of STAFF_GROUPS) {
    const t = facts?.groups[g];
    if (t) separationRates[g] = { separations: t.separations, mean_headcount: t.meanHeadcount, rate: t.meanHeadcount > 0 ? t.separations / t.meanHeadcount : null };
  }
  return {
    code: o.rec.code,
    // An organization under k is not reportable, and its count of 1..k−1 is a number under k too.
    respondents: reportable ? o.rec.respondents : releasedCount(o.rec.respondents, k),
    reportable,
    has_profile: facts !== null,
    poc_led: facts?.pocLed ?? null,
    orientation_index: orientationOk ? o.index : null,
    organizing_score: orientationOk ? o.organizingMean : null,
    mobilizing_score: orientationOk ? o.mobilizingMean : null,
    orientation_type: orientationOk ? o.type : null,
    orientation_percentile: orientationOk ? percentile(o.index!, ranked) : null,
    // Respondents over the published headcount would give a count of 1..k−1 back.
    response_rate: releasedCount(o.rec.respondents, k) === null ? null : responseRate(o),
    scales,
    bridge,
    separation_rates: sizedSeparationRates(separationRates),
    self_assessment: facts ? facts.self : null,
    suppressed: reportable ? suppressed : [withinHeadcount ? `all staff-derived values: fewer than k = ${k} respondents` : "all staff-derived values: more respondents than the organization's headcount, so some cannot be from its staff"],
  };
}

/** Respondents over end-of-period headcount; null without a headcount or when respondents exceed it. */
export function responseRate(o: OrgAggregate): number | null {
  const head = o.facts?.headcount;
  if (head == null || head <= 0 || o.rec.respondents > head) return null;
  return o.rec.respondents / head;
}

/** Mid-rank percentile: the share of organizations below, counting ties as half (`sorted` ascending). */
function percentile(value: number, sorted: Float64Array): number {
  const below = firstAtLeast(sorted, value, false);
  const equal = firstAtLeast(sorted, value, true) - below;
  return (100 * (below + equal / 2)) / sorted.length;
}

/** How many values are below `value` (or, with `orEqual`, at most `value`). */
function firstAtLeast(sorted: Float64Array, value: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value || (orEqual && sorted[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
