// The arithmetic of the interleaved submission rounds: each real run is divided by the mean
// of the bare runs just before and just after it, and each (route, connections) is summed up
// by its median over the rounds. This machine's speed drifts by up to 2x over minutes, so a
// ceiling measured at another time than the run it divides would measure the drift.
import type { DialectName } from '../../data/connect.js';
import type { SubmissionRow } from '../submissions.js';

export type RealRow = SubmissionRow & { target: DialectName };

export interface BracketedRun {
  row: RealRow;
  /** The bare runs just before and just after this one (same connections). */
  before?: SubmissionRow;
  after?: SubmissionRow;
  /** Mean rate of the bracketing bare runs, per second. */
  ceiling: number;
  share: number;
}

export interface RouteSummary {
  dialect: DialectName;
  connections: number;
  runs: BracketedRun[];
  medianShare: number;
  medianPerSecond: number;
  medianP99: number;
  worstP99: number;
  stored: number;
  acknowledged: number;
  status5xx: number;
  /** Runs that broke the durability rule (see isDurable). */
  notDurable: BracketedRun[];
}

export function isReal(row: SubmissionRow): row is RealRow {
  return row.target !== 'bare';
}

/** `rows` in the order they ran. A real run with no bare run on either side is left out. */
export function bracketRuns(rows: readonly SubmissionRow[]): BracketedRun[] {
  const runs: BracketedRun[] = [];
  rows.forEach((row, i) => {
    if (!isReal(row)) return;
    const sameBare = (r: SubmissionRow) => r.target === 'bare' && r.summary.connections === row.summary.connections;
    const before = rows.slice(0, i).reverse().find(sameBare);
    const after = rows.slice(i + 1).find(sameBare);
    const sides = [before, after].filter((r): r is SubmissionRow => r !== undefined);
    if (sides.length === 0) return;
    const ceiling = sides.reduce((sum, r) => sum + r.summary.perSecond, 0) / sides.length;
    runs.push({ row, before, after, ceiling, share: row.summary.perSecond / ceiling });
  });
  return runs;
}

/**
 * Every acknowledged submission stored and no 5xx. autocannon stops with up to one request
 * per connection in flight: those may be stored without their answer being counted.
 */
export function isDurable(row: RealRow): boolean {
  const stored = row.stored ?? -1;
  // The warm-up's answers must be stored too (it is counted when it ends, so its tail can
  // only fall into the measured run's count, which allows for it).
  const warmup = row.warmup;
  const warmupDurable = !warmup || (warmup.status5xx === 0 && (warmup.stored ?? warmup.ok) >= warmup.ok);
  return warmupDurable && stored >= row.summary.ok && stored <= row.summary.ok + row.summary.connections && row.summary.status5xx === 0;
}

/** One summary per (dialect, connections), in the order they first ran. */
export function summarizeRoutes(rows: readonly SubmissionRow[]): RouteSummary[] {
  const groups = new Map<string, BracketedRun[]>();
  for (const run of bracketRuns(rows)) {
    const key = `${run.row.target}/${run.row.summary.connections}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((runs) => ({
    dialect: runs[0].row.target,
    connections: runs[0].row.summary.connections,
    runs,
    medianShare: median(runs.map((r) => r.share)),
    medianPerSecond: median(runs.map((r) => r.row.summary.perSecond)),
    medianP99: median(runs.map((r) => r.row.summary.p99)),
    worstP99: Math.max(...runs.map((r) => r.row.summary.p99)),
    stored: sum(runs.map((r) => r.row.stored ?? 0)),
    acknowledged: sum(runs.map((r) => r.row.summary.ok)),
    status5xx: sum(runs.map((r) => r.row.summary.status5xx)),
    notDurable: runs.filter((r) => !isDurable(r.row)),
  }));
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
