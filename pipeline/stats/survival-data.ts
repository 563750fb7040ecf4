// Survival data as aggregated rows (time, events, censored) — the shape organization profiles
// give (departures per tenure band) — and a converter from per-person records with counts.

import { StatsInputError } from './errors.js';

export type SurvivalRow = { time: number; events: number; censored: number };

/** Aggregates records (time, status 1 = event / 0 = censored, optional count) into sorted rows. */
export function survivalRows(times: readonly number[], status: readonly number[], counts?: readonly number[]): SurvivalRow[] {
  if (times.length !== status.length || (counts && counts.length !== times.length)) {
    throw new StatsInputError('times, status and counts must have the same length');
  }
  const rows: SurvivalRow[] = times.map((time, i) => {
    const s = status[i];
    if (s !== 0 && s !== 1) throw new StatsInputError(`status[${i}] is ${s}; use 1 for an event and 0 for censored`);
    const w = counts ? counts[i] : 1;
    return { time, events: s === 1 ? w : 0, censored: s === 0 ? w : 0 };
  });
  return normalizeSurvivalRows(rows);
}

/** Validates rows, merges equal times and sorts by time (input is not modified). */
export function normalizeSurvivalRows(rows: readonly SurvivalRow[]): SurvivalRow[] {
  const byTime = new Map<number, SurvivalRow>();
  rows.forEach((r, i) => {
    if (!Number.isFinite(r.time) || r.time < 0) throw new StatsInputError(`row ${i} has time ${r.time}; times must be finite and non-negative`);
    for (const key of ['events', 'censored'] as const) {
      if (!Number.isInteger(r[key]) || r[key] < 0) {
        throw new StatsInputError(`row ${i} has ${key} = ${r[key]}; counts must be non-negative integers`);
      }
    }
    const prev = byTime.get(r.time);
    byTime.set(r.time, prev ? { time: r.time, events: prev.events + r.events, censored: prev.censored + r.censored } : { ...r });
  });
  const out = [...byTime.values()].filter((r) => r.events + r.censored > 0).sort((a, b) => a.time - b.time);
  if (out.length === 0) throw new StatsInputError('there are no observations (every count is 0)');
  return out;
}
