// Per-organization summaries for organization reports, already disclosure-checked: an
// organization under k respondents is not reportable and carries no staff-derived value;
// within a reportable one, each value needs k respondents behind it. An organization with
// more respondents than its headcount (the study team's cap, else its profile's
// headcount) is not reportable either: some responses cannot be from its staff, and
// planted ones are how a contact would pad a small organization to k (issue #19).
import { STAFF_GROUPS } from '../data/database.js';
import { headcountLimit } from '../data/repositories/headcount.js';
import type { OrgAggregate, ScoredWave } from './aggregate.js';
import { BRIDGE_ITEMS } from './aggregate.js';
import type { OrganizationSummary } from './results.js';
import { SCORED_SCALES } from './score.js';

export function organizationSummaries(sw: ScoredWave): OrganizationSummary[] {
  const k = sw.k;
  const withinHeadcount = (o: OrgAggregate) => {
    const limit = headcountLimit(o.rec.headcountCap, sw.data.profiles.get(o.rec.id));
    return limit === null || o.rec.respondents <= limit.limit;
  };
  const ranked = sw.orgs.filter((o) => o.rec.respondents >= k && withinHeadcount(o) && o.type !== null).map((o) => o.index!);
  return [...sw.orgs]
    .sort((a, b) => (a.rec.code < b.rec.code ? -1 : a.rec.code > b.rec.code ? 1 : 0))
    .map((o) => summary(o, k, ranked, withinHeadcount(o)));
}

function summary(o: OrgAggregate, k: number, ranked: number[], withinHeadcount: boolean): OrganizationSummary {
  // Released only with at least k responses, all of which could be from its staff.
  const reportable = o.rec.respondents >= k && withinHeadcount;
  const suppressed: string[] = [];
  const orientationOk = reportable && o.type !== null;
  if (reportable && !orientationOk) suppressed.push(`orientation: fewer than k = ${k} respondents have an orientation index`);
  const scales: Record<string, number | null> = {};
  for (const s of SCORED_SCALES) {
    const ok = reportable && o.scaleN[s.scoreName] >= k;
    if (reportable && !ok) suppressed.push(`${s.scoreName}: fewer than k = ${k} respondents have a score`);
    scales[s.scoreName] = ok ? o.scaleMean[s.scoreName] : null;
  }
  const bridge: OrganizationSummary['bridge'] = {};
  for (const b of BRIDGE_ITEMS) {
    const counts = o.bridge[b];
    const n = counts.reduce((s, c) => s + c, 0);
    const ok = reportable && n >= k;
    if (reportable && !ok) suppressed.push(`${b}: fewer than k = ${k} answers`);
    // The answer distribution is released only when every non-empty cell holds at least k
    // answers: a cell of 1 or 2 would single out the few who answered that way.
    const cellsOk = counts.every((c) => c === 0 || c >= k);
    bridge[b] = ok ? { mean: counts.reduce((s, c, j) => s + c * (j + 1), 0) / n, counts: cellsOk ? [...counts] : null } : { mean: null, counts: null };
  }
  const facts = o.facts;
  const separationRates: OrganizationSummary['separation_rates'] = {};
  for (const g of STAFF_GROUPS) {
    const t = facts?.groups[g];
    if (t) separationRates[g] = { separations: t.separations, mean_headcount: t.meanHeadcount, rate: t.meanHeadcount > 0 ? t.separations / t.meanHeadcount : null };
  }
  return {
    code: o.rec.code,
    respondents: o.rec.respondents,
    reportable,
    has_profile: facts !== null,
    poc_led: facts?.pocLed ?? null,
    orientation_index: orientationOk ? o.index : null,
    organizing_score: orientationOk ? o.organizingMean : null,
    mobilizing_score: orientationOk ? o.mobilizingMean : null,
    orientation_type: orientationOk ? o.type : null,
    orientation_percentile: orientationOk ? percentile(o.index!, ranked) : null,
    response_rate: responseRate(o),
    scales,
    bridge,
    separation_rates: separationRates,
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

/** Mid-rank percentile: the share of organizations below, counting ties as half. */
function percentile(value: number, all: number[]): number {
  let below = 0;
  let equal = 0;
  for (const v of all) {
    if (v < value) below++;
    else if (v === value) equal++;
  }
  return (100 * (below + equal / 2)) / all.length;
}
