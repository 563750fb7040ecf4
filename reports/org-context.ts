// Pooled study figures every organization report compares against, computed once per run
// (not once per organization, which would make 5,000 reports quadratic).
import type { Results } from '../pipeline/results.js';
import { reportableOrgs } from './privacy.js';

/** A benchmark needs at least this many organizations, so no one organization's mean can be backed out of it. */
export const MIN_BENCHMARK_ORGS = 3;
/** Quartiles of fewer organizations would sit on (or next to) single organizations' values. */
export const MIN_DISTRIBUTION_ORGS = 10;

export interface OrgContext {
  studyName: string;
  waveName: string;
  k: number;
  thresholds: Results['study']['thresholds'];
  /**
   * Quartiles of reportable organizations' orientation index. No minimum or maximum: each
   * is one other organization's own figure, not a pooled one.
   */
  index: { q1: number; median: number; q3: number; count: number } | null;
  /** Mean over reportable organizations (each weighted equally) of each scale's staff mean. */
  benchmarks: Record<string, { mean: number; orgs: number } | null>;
  studySeparation: Results['series']['separation_rates'];
  /** Organizations with a report: the benchmark of each is the staff of the others. */
  reportableOrgs: number;
  generatedOn: string;
  /** The run's responses include generated ones: every page says so. */
  synthetic: boolean;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function orgContext(results: Results): OrgContext {
  const orgs = reportableOrgs(results);
  const idx = orgs.map((o) => o.orientation_index).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const sums: Record<string, { sum: number; orgs: number }> = {};
  for (const o of orgs) {
    for (const [scale, v] of Object.entries(o.scales)) {
      if (v === null) continue;
      const s = (sums[scale] ??= { sum: 0, orgs: 0 });
      s.sum += v;
      s.orgs += 1;
    }
  }
  const benchmarks: OrgContext['benchmarks'] = {};
  for (const [scale, s] of Object.entries(sums)) benchmarks[scale] = s.orgs >= MIN_BENCHMARK_ORGS ? { mean: s.sum / s.orgs, orgs: s.orgs } : null;
  return {
    studyName: results.study.study_name,
    waveName: results.study.wave_name,
    k: results.study.k,
    thresholds: results.study.thresholds,
    index:
      idx.length >= MIN_DISTRIBUTION_ORGS
        ? { q1: quantile(idx, 0.25), median: quantile(idx, 0.5), q3: quantile(idx, 0.75), count: idx.length }
        : null,
    benchmarks,
    studySeparation: results.series.separation_rates,
    reportableOrgs: orgs.length,
    generatedOn: results.run.generated_on,
    synthetic: results.run.synthetic === true,
  };
}
