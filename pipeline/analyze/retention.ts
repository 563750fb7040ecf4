// Exploratory: Kaplan–Meier retention of organizers by orientation type × poc. Departures
// come from the profiles (events at the lower bound of their tenure band); current staff
// are the responding organizers, censored at their tenure in whole years — so the curves
// describe respondents plus reported leavers, not whole staffs. Log-rank tests compare them.
import type { StaffGroup } from '../../data/database.js';
import type { ScoredWave } from '../aggregate.js';
import type { OrientationType, SurvivalCurve } from '../results.js';
import { logRankTest, type SurvivalRow } from '../stats/index.js';
import { discloseCurve } from '../survival-disclosure.js';
import { attempt, draft, notEstimable, type Base, type Draft } from './estimate.js';
import { ORGANIZER } from './select.js';

const TYPES: OrientationType[] = ['organizing', 'mobilizing', 'integrated', 'low'];
const RACES = [
  { key: 'poc', poc: 1, group: 'organizer_poc' as StaffGroup },
  { key: 'white', poc: 0, group: 'organizer_white' as StaffGroup },
];

interface GroupRows {
  group: string;
  rows: SurvivalRow[];
  n: number;
  events: number;
  orgs: Set<number>;
}

/** Tenures are whole years 0..60 (the extract reads anything else as missing, -1). */
const MAX_TENURE = 60;

/**
 * Per orientation type × race, the departures and the responding organizers as survival rows.
 * One pass over the organizations for all eight groups; each group's rows are in the order
 * a pass of its own would give: departures organization by organization, then the censored
 * counts in the order their tenures first appear.
 */
function collect(sw: ScoredWave): GroupRows[] {
  const groups = TYPES.flatMap((type) =>
    RACES.map((race) => ({ type, race, rows: [] as SurvivalRow[], orgs: new Set<number>(), censored: new Int32Array(MAX_TENURE + 1), order: [] as number[] })),
  );
  const { role, poc, tenure } = sw.data;
  sw.orgs.forEach((o, g) => {
    const t = o.type === null ? -1 : TYPES.indexOf(o.type);
    if (t < 0) return;
    for (let r = 0; r < RACES.length; r++) {
      const group = groups[t * RACES.length + r];
      for (const e of o.facts?.exits[RACES[r].group] ?? []) {
        group.rows.push({ time: e.band, events: e.count, censored: 0 });
        group.orgs.add(g);
      }
      if (countOrganizers(role, poc, tenure, o.rec.start, o.rec.start + o.rec.respondents, RACES[r].poc, group.censored, group.order) > 0) group.orgs.add(g);
    }
  });
  return groups.map(({ type, race, rows, orgs, censored, order }) => {
    for (const time of order) rows.push({ time, events: 0, censored: censored[time] });
    const n = rows.reduce((s, r) => s + r.events + r.censored, 0);
    return { group: `${type} · ${race.key}`, rows, n, events: rows.reduce((s, r) => s + r.events, 0), orgs };
  });
}

/**
 * Adds the organizers of race `race` with a tenure among respondents from..to−1 to `counts`
 * by tenure (respondents are censored rows counted per tenure, not one row each: every use
 * of the rows merges equal times), a tenure's first appearance to `order`; returns how many.
 */
function countOrganizers(role: Int8Array | Uint8Array, poc: Int8Array, tenure: Int16Array, from: number, to: number, race: number, counts: Int32Array, order: number[]): number {
  let added = 0;
  for (let i = from; i < to; i++) {
    const t = tenure[i];
    if (role[i] !== ORGANIZER || poc[i] !== race || t < 0) continue;
    if (counts[t]++ === 0) order.push(t);
    added++;
  }
  return added;
}

/** Curves for the series, through disclosure control (survival-disclosure.ts): no count under k can be read off them. */
export function survivalCurves(sw: ScoredWave): SurvivalCurve[] {
  return collect(sw).map((g) => discloseCurve(g.group, g.rows, sw.k));
}

const method = 'Kaplan–Meier on departures from organization profiles (events at the lower bound of the tenure band) and responding organizers (censored at tenure in whole years); log-rank test (survdiff, rho = 0). Exploratory: p Holm-adjusted with the other exploratory tests.';

export function retentionTests(sw: ScoredWave): Draft[] {
  const groups = collect(sw);
  const poc = groups.filter((g) => g.group === 'organizing · poc' || g.group === 'mobilizing · poc');
  const all = groups.filter((g) => g.n >= sw.k);
  return [
    logRank({ id: 'E.retention_poc_logrank', label: 'Retention of organizers of color: organizing- vs mobilizing-focused (log-rank chi-square)', population: 'organizers of color: departures reported in profiles and current respondents', method, confirmatory: false, scale: 'chi_square' }, poc, sw.k),
    logRank({ id: 'E.retention_logrank_all', label: 'Retention of organizers across orientation type × poc (log-rank chi-square)', population: 'organizers with a race answer or a reported departure group', method, confirmatory: false, scale: 'chi_square' }, all, sw.k),
  ];
}

function logRank(base: Base, groups: GroupRows[], k: number): Draft {
  const n = groups.reduce((s, g) => s + g.n, 0);
  const orgs = new Set(groups.flatMap((g) => [...g.orgs])).size;
  const minGroup = Math.min(...groups.map((g) => g.n), Infinity);
  const used = groups.filter((g) => g.n > 0);
  if (used.length < 2) return notEstimable(base, n, orgs, `fewer than 2 groups have any organizers (${used.map((g) => g.group).join(', ') || 'none'})`, Number.isFinite(minGroup) ? minGroup : 0);
  return attempt(base, n, orgs, minGroup, () => {
    const r = logRankTest(used.map((g) => g.rows));
    return draft(base, { n, n_orgs: orgs, estimate: r.statistic, ci_low: null, ci_high: null, p: r.p }, minGroup, {
      df: r.df,
      groups: used.map((g) => g.group).join('; '),
      // Observed events per group are counts of people: not released when one is 1..k−1.
      observed: r.observed.every((o) => o === 0 || o >= k) ? r.observed.join('; ') : null,
      expected: r.expected.map((e) => e.toFixed(2)).join('; '),
      min_group_at_k: k,
    });
  });
}
