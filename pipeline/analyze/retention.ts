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

function collect(sw: ScoredWave): GroupRows[] {
  const out: GroupRows[] = [];
  for (const type of TYPES) {
    for (const race of RACES) {
      const rows: SurvivalRow[] = [];
      const orgs = new Set<number>();
      // Respondents are censored rows counted per tenure, not one row each: every use of the
      // rows merges equal times (with integer counts, so the merged rows are the same).
      const censoredAt = new Map<number, number>();
      const { role, poc, tenure } = sw.data;
      sw.orgs.forEach((o, g) => {
        if (o.type !== type) return;
        for (const e of o.facts?.exits[race.group] ?? []) {
          rows.push({ time: e.band, events: e.count, censored: 0 });
          orgs.add(g);
        }
        for (let i = o.rec.start; i < o.rec.start + o.rec.respondents; i++) {
          if (role[i] !== ORGANIZER || poc[i] !== race.poc || tenure[i] < 0) continue;
          censoredAt.set(tenure[i], (censoredAt.get(tenure[i]) ?? 0) + 1);
          orgs.add(g);
        }
      });
      for (const [time, censored] of censoredAt) rows.push({ time, events: 0, censored });
      const n = rows.reduce((s, r) => s + r.events + r.censored, 0);
      out.push({ group: `${type} · ${race.key}`, rows, n, events: rows.reduce((s, r) => s + r.events, 0), orgs });
    }
  }
  return out;
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
