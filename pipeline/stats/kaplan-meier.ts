// Kaplan–Meier survival curve from aggregated rows, with Greenwood standard errors and a
// "log" CI exp(log S ± z·se(log S)) capped at 1 (R survival::survfit's default conf.type),
// or survfit's "log-log" or "plain" intervals.
// Censorings tied with events at a time are counted at risk for those events (the usual rule).

import { normalCritical } from './distributions.js';
import type { SurvivalRow } from './survival-data.js';
import { normalizeSurvivalRows, survivalRows } from './survival-data.js';
import { assertLevel } from './validate.js';

export type KaplanMeierPoint = {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  surv: number;
  /** Greenwood SE of log S (survfit's $std.err); null once S reaches 0. */
  seLogSurv: number | null;
  /** Greenwood SE of S, S·se(log S) (summary.survfit's std.err). */
  seSurv: number | null;
  ciLow: number | null;
  ciHigh: number | null;
};

export type KmConfType = 'log' | 'log-log' | 'plain';

export type KaplanMeier = { n: number; events: number; points: KaplanMeierPoint[]; conf: KmConfType; level: number };

/** CI for S given se(log S), as survfit's conf.type; null where the interval is undefined. */
function interval(surv: number, seLog: number, z: number, conf: KmConfType): [number | null, number | null] {
  if (conf === 'log') return [surv * Math.exp(-z * seLog), Math.min(1, surv * Math.exp(z * seLog))];
  if (conf === 'plain') return [Math.max(0, surv - z * surv * seLog), Math.min(1, surv + z * surv * seLog)];
  // log-log: symmetric on log(−log S), undefined at S = 1 (survfit gives NA there too).
  if (surv >= 1) return [null, null];
  const xx = Math.log(surv);
  return [Math.exp(-Math.exp(Math.log(-xx) - (z * seLog) / xx)), Math.exp(-Math.exp(Math.log(-xx) + (z * seLog) / xx))];
}

export function kaplanMeier(rows: readonly SurvivalRow[], options: { level?: number; conf?: KmConfType } = {}): KaplanMeier {
  const { level = 0.95, conf = 'log' } = options;
  assertLevel(level);
  const data = normalizeSurvivalRows(rows);
  const n = data.reduce((s, r) => s + r.events + r.censored, 0);
  const z = normalCritical(level);
  let atRisk = n;
  let surv = 1;
  let greenwood = 0;
  let dead = false;
  const points = data.map((r): KaplanMeierPoint => {
    if (r.events > 0) {
      surv *= 1 - r.events / atRisk;
      if (r.events === atRisk) dead = true;
      else greenwood += r.events / (atRisk * (atRisk - r.events));
    }
    const seLog = dead ? null : Math.sqrt(greenwood);
    const [ciLow, ciHigh] = seLog === null ? [null, null] : interval(surv, seLog, z, conf);
    const point = {
      time: r.time,
      nRisk: atRisk,
      nEvent: r.events,
      nCensor: r.censored,
      surv,
      seLogSurv: seLog,
      seSurv: seLog === null ? null : surv * seLog,
      ciLow,
      ciHigh,
    };
    atRisk -= r.events + r.censored;
    return point;
  });
  const events = data.reduce((s, r) => s + r.events, 0);
  return { n, events, points, conf, level };
}

/** Kaplan–Meier from per-person records: time, status (1 = event, 0 = censored), optional counts. */
export function kaplanMeierFromRecords(
  times: readonly number[],
  status: readonly number[],
  counts?: readonly number[],
  options: { level?: number; conf?: KmConfType } = {},
): KaplanMeier {
  return kaplanMeier(survivalRows(times, status, counts), options);
}

/** Survival probability at time t (step function, right-continuous); 1 before the first event. */
export function survivalAt(km: KaplanMeier, t: number): number {
  let s = 1;
  for (const p of km.points) {
    if (p.time > t) break;
    s = p.surv;
  }
  return s;
}
