// Building estimates: the fields DESIGN.md fixes, a "not estimable" form that carries the
// statistics layer's reason, and the smallest contributing group each estimate rests on
// (disclose.ts suppresses by it). Only StatsInputError becomes "not estimable"; any other
// error is a bug and propagates.
import type { Estimate, GroupSummary } from '../results.js';
import { clusteredMeanCI, meanCI, StatsInputError } from '../stats/index.js';

export interface Draft {
  estimate: Estimate;
  /** Respondents in the smallest group the value rests on; null when it rests on no staff answers. */
  minGroup: number | null;
}

export type Base = Pick<Estimate, 'id' | 'label' | 'population' | 'method' | 'confirmatory'> & { scale: string };

export function draft(
  base: Base,
  values: { n: number | null; n_orgs: number; estimate: number; ci_low: number | null; ci_high: number | null; p: number | null },
  minGroup: number | null,
  details?: Estimate['details'],
): Draft {
  const estimate: Estimate = {
    id: base.id,
    label: base.label,
    population: base.population,
    n: values.n,
    n_orgs: values.n_orgs,
    estimate: values.estimate,
    ci_low: values.ci_low,
    ci_high: values.ci_high,
    p: values.p,
    method: base.method,
    confirmatory: base.confirmatory,
    suppressed: false,
    ...(base.confirmatory ? {} : { p_holm: null }),
    note: null,
    scale: base.scale,
  };
  if (details) estimate.details = details;
  return { estimate, minGroup };
}

export function notEstimable(base: Base, n: number | null, nOrgs: number, reason: string, minGroup: number | null = null): Draft {
  return {
    estimate: {
      id: base.id,
      label: base.label,
      population: base.population,
      n,
      n_orgs: nOrgs,
      estimate: null,
      ci_low: null,
      ci_high: null,
      p: null,
      method: base.method,
      confirmatory: base.confirmatory,
      suppressed: false,
      ...(base.confirmatory ? {} : { p_holm: null }),
      note: `Not estimable: ${reason}.`,
      scale: base.scale,
    },
    minGroup,
  };
}

/** Runs a computation that may meet data it cannot estimate from; that case becomes a note. */
export function attempt(base: Base, n: number | null, nOrgs: number, minGroup: number | null, compute: () => Draft): Draft {
  try {
    return compute();
  } catch (err) {
    if (err instanceof StatsInputError) return notEstimable(base, n, nOrgs, err.message, minGroup);
    throw err;
  }
}

/**
 * A group's mean with a 95% interval. With `clusters` (each value's organization) the interval
 * is cluster-aware — CR2 with Satterthwaite df, as for the models — and a group within one
 * organization gets none, since its respondents are not independent draws; without, a t
 * interval (for values that are themselves one per organization). A mean needs one value.
 */
export function groupSummary(group: string, values: readonly number[] | Float64Array, nOrgs: number, clusters?: ArrayLike<number>): GroupSummary {
  const n = values.length;
  if (n === 0) return { group, n: 0, n_orgs: nOrgs, mean: null, ci_low: null, ci_high: null, suppressed: false };
  try {
    const ci = clusters ? clusteredMeanCI(values, clusters) : meanCI(values);
    return { group, n, n_orgs: nOrgs, mean: ci.mean, ci_low: ci.ciLow, ci_high: ci.ciHigh, suppressed: false };
  } catch (err) {
    if (!(err instanceof StatsInputError)) throw err;
    // Only here is the plain mean needed: a pass of its own over a group of up to a million values.
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i];
    return { group, n, n_orgs: nOrgs, mean: sum / n, ci_low: null, ci_high: null, suppressed: false };
  }
}

export function countDistinct(orgOf: ArrayLike<number>, indices: ArrayLike<number>): number {
  const seen = new Set<number>();
  // Selections run in extraction order, where an organization's respondents are contiguous:
  // skipping repeats of the previous organization leaves the set a few thousand additions.
  // An indexed loop: for…of over a typed array goes through the iterator protocol per element.
  let last = -1;
  for (let t = 0; t < indices.length; t++) {
    const o = orgOf[indices[t]];
    if (o === last) continue;
    seen.add(o);
    last = o;
  }
  return seen.size;
}
