// Per-organization summaries for organization reports, already disclosure-checked: an
// organization under k respondents is not reportable and carries no staff-derived value,
// not even its count of respondents; within a reportable one, each value needs k
// respondents behind it, answer tables add up to the respondents (answer-table.ts), and a
// mean at either end of its scale (everyone gave that answer) is withheld.
import { STAFF_GROUPS } from '../data/database.js';
import type { OrgAggregate, ScoredWave } from './aggregate.js';
import { BRIDGE_ITEMS } from './aggregate.js';
import { releaseAnswerTable, revealsEveryAnswer } from './answer-table.js';
import { releasedCount } from './participation.js';
import type { OrganizationSummary } from './results.js';
import { SCORED_SCALES } from './score.js';

export function organizationSummaries(sw: ScoredWave): OrganizationSummary[] {
  const k = sw.k;
  const ranked = sw.orgs.filter((o) => o.rec.respondents >= k && o.type !== null).map((o) => o.index!);
  return [...sw.orgs]
    .sort((a, b) => (a.rec.code < b.rec.code ? -1 : a.rec.code > b.rec.code ? 1 : 0))
    .map((o) => summary(o, k, ranked));
}

function summary(o: OrgAggregate, k: number, ranked: number[]): OrganizationSummary {
  const reportable = o.rec.respondents >= k;
  const suppressed: string[] = [];
  const orientationOk = reportable && o.type !== null;
  if (reportable && !orientationOk) suppressed.push(`orientation: fewer than k = ${k} respondents have an orientation index`);
  const scales: Record<string, number | null> = {};
  for (const s of SCORED_SCALES) {
    const ok = reportable && o.scaleN[s.scoreName] >= k;
    if (reportable && !ok) suppressed.push(`${s.scoreName}: fewer than k = ${k} respondents have a score`);
    const extreme = ok && revealsEveryAnswer(o.scaleMean[s.scoreName], s.min, s.max);
    if (extreme) suppressed.push(`${s.scoreName}: every respondent gave the same answer at the end of the scale`);
    scales[s.scoreName] = ok && !extreme ? o.scaleMean[s.scoreName] : null;
  }
  const bridge: OrganizationSummary['bridge'] = {};
  for (const b of BRIDGE_ITEMS) {
    const counts = o.bridge[b];
    const n = counts.reduce((s, c) => s + c, 0);
    const ok = reportable && n >= k;
    if (reportable && !ok) suppressed.push(`${b}: fewer than k = ${k} answers`);
    // The answer table adds up to the organization's respondents; cells under k are withheld
    // with a partner, and a table where everyone answered alike is coarsened (answer-table.ts).
    const released = reportable ? releaseAnswerTable(counts, o.rec.respondents, k) : null;
    const mean = ok ? counts.reduce((s, c, j) => s + c * (j + 1), 0) / n : null;
    const extreme = revealsEveryAnswer(mean, 1, 5);
    if (extreme) suppressed.push(`${b}: every respondent gave the same answer at the end of the scale`);
    if (released?.table.withheld) suppressed.push(`${b} answer table: ${released.table.withheld.reason}`);
    bridge[b] = ok
      ? { mean: extreme ? null : mean, counts: released!.counts, table: released!.table }
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
    response_rate: responseRate(o),
    scales,
    bridge,
    separation_rates: separationRates,
    self_assessment: facts ? facts.self : null,
    suppressed: reportable ? suppressed : [`all staff-derived values: fewer than k = ${k} respondents`],
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
