// Disclosure control of a Kaplan–Meier curve. A curve's step says how many left at that
// time (the survival drop times the risk set) and how many were censored (the fall in the
// risk set between steps), so each is a count a reader can read off. Times are pooled,
// earliest first, until every step has 0 or at least k events and 0 or at least k
// censorings; the curve stops before the risk set falls under k (and one step earlier when
// the people left after its last step would be 1..k−1); `n` and `events` are withheld
// under k, and `events` also when the hidden tail's events would be 1..k−1.
import { kaplanMeier, type SurvivalRow } from './stats/index.js';
import type { SurvivalCurve } from './results.js';
import { primaryReason } from './disclose.js';

interface Step {
  time: number;
  events: number;
  censored: number;
}

const safe = (x: number, k: number) => x === 0 || x >= k;

/** Steps of the rows pooled so each has 0 or ≥ k events and 0 or ≥ k censorings; null when no pooling can. */
export function pooledSteps(rows: readonly SurvivalRow[], k: number): Step[] | null {
  const byTime = new Map<number, Step>();
  for (const r of rows) {
    const s = byTime.get(r.time) ?? { time: r.time, events: 0, censored: 0 };
    s.events += r.events;
    s.censored += r.censored;
    byTime.set(r.time, s);
  }
  const times = [...byTime.values()].sort((a, b) => a.time - b.time);
  const steps: Step[] = [];
  let open: Step | null = null;
  for (const t of times) {
    open = open ? { time: open.time, events: open.events + t.events, censored: open.censored + t.censored } : { ...t };
    if (safe(open.events, k) && safe(open.censored, k)) {
      steps.push(open);
      open = null;
    }
  }
  // A tail that never became safe is pooled back into the steps before it.
  while (open) {
    const last = steps.pop();
    if (!last) return null;
    open = { time: last.time, events: last.events + open.events, censored: last.censored + open.censored };
    if (safe(open.events, k) && safe(open.censored, k)) {
      steps.push(open);
      open = null;
    }
  }
  return steps;
}

export function discloseCurve(group: string, rows: readonly SurvivalRow[], k: number): SurvivalCurve {
  const n = rows.reduce((s, r) => s + r.events + r.censored, 0);
  const events = rows.reduce((s, r) => s + r.events, 0);
  const withheldCurve = (reason: string): SurvivalCurve => ({ group, n: n >= k ? n : null, events: null, suppressed: true, withheld: { rule: 'primary', reason }, points: [] });
  if (n < k) return { group, n: n === 0 ? 0 : null, events: n === 0 ? 0 : null, suppressed: n > 0, withheld: n > 0 ? { rule: 'primary', reason: primaryReason(k) } : null, points: [] };
  const steps = pooledSteps(rows, k);
  if (!steps) return withheldCurve(`no pooling of its times gives steps of 0 or at least k = ${k} events and censorings`);
  const km = kaplanMeier(steps.map((s) => ({ time: s.time, events: s.events, censored: s.censored })));
  let shown = km.points.filter((p) => p.nRisk >= k);
  const last = shown[shown.length - 1];
  if (last && last.nRisk - last.nEvent - last.nCensor < k && !safe(last.nRisk - last.nEvent, k)) shown = shown.slice(0, -1);
  const shownEvents = shown.reduce((s, p) => s + p.nEvent, 0);
  const complete = shown.length === km.points.length;
  return {
    group,
    n,
    events: complete || safe(events - shownEvents, k) ? (safe(events, k) ? events : null) : null,
    suppressed: false,
    withheld: null,
    points: shown.map((p) => ({ time: p.time, survival: p.surv, ci_low: p.ciLow, ci_high: p.ciHigh, at_risk: p.nRisk })),
  };
}
