// Disclosure control on everything computed from staff answers: an estimate whose smallest
// contributing group is under k keeps its fields but loses its value (suppressed: true, a
// note says why); group summaries under k are withheld one by one; when exactly one group
// of a released partition is withheld, the next smallest is withheld too (complementary
// suppression), so no value can be recovered by subtraction.
import type { Draft } from './analyze/estimate.js';
import type { Estimate, GroupSummary } from './results.js';

/**
 * Which rule withheld a value: `primary` (its own group is under k), `complementary` (withheld
 * so a primary one cannot be recovered by subtraction), `differencing` (it differs from a view
 * already published — in this release or, with `against`, an earlier one — by 1 to k − 1
 * people), `k-anonymity` (a respondent export's local suppression).
 */
export type SuppressionRule = 'primary' | 'complementary' | 'differencing' | 'k-anonymity';

export interface Suppression {
  id: string;
  reason: string;
  rule: SuppressionRule;
  /** The earlier release a `differencing` rule compared with. */
  against?: string;
}

export interface SuppressionLog {
  suppressed: Suppression[];
}

export function discloseEstimate(d: Draft, k: number, log: SuppressionLog): Estimate {
  const e = structuredClone(d.estimate);
  if (d.minGroup !== null && d.minGroup < k && e.estimate === null) {
    // Already without a value; the statistics layer's reason could quote a small group's data.
    return { ...e, details: undefined, note: `Not estimable: a group it needs has fewer than k = ${k} respondents.` };
  }
  if (d.minGroup !== null && d.minGroup < k) {
    // The reason never quotes the group's size: that number would itself rest on fewer than k.
    log.suppressed.push({ id: e.id, reason: `group under k: a group it rests on has fewer than k = ${k} respondents`, rule: 'primary' });
    return withhold(e, `Suppressed: a group it rests on has fewer than k = ${k} respondents.`);
  }
  if (e.details) {
    for (const [key, value] of Object.entries(e.details)) {
      if (Array.isArray(value)) e.details[key] = discloseGroups(value, k, `${e.id}.${key}`, log);
    }
  }
  return e;
}

export function withhold(e: Estimate, note: string): Estimate {
  return {
    ...e,
    estimate: null,
    ci_low: null,
    ci_high: null,
    p: null,
    ...(e.p_holm !== undefined ? { p_holm: null } : {}),
    suppressed: true,
    note,
    details: undefined,
  };
}

/**
 * Withholds groups under k. When the groups partition a released total and exactly one is
 * withheld, the smallest released group is withheld as well (complementary suppression).
 */
export function discloseGroups(groups: readonly GroupSummary[], k: number, id: string, log: SuppressionLog, options: { totalReleased?: boolean } = {}): GroupSummary[] {
  const out = groups.map((g) => ({ ...g }));
  const small = out.filter((g) => g.n !== null && g.n > 0 && g.n < k);
  for (const g of small) hide(g, id, `group under k (fewer than ${k} respondents)`, log, 'primary');
  if (options.totalReleased && small.length === 1) {
    const next = out.filter((g) => !g.suppressed && g.n !== null && g.n > 0).sort((a, b) => a.n! - b.n!)[0];
    if (next) hide(next, id, 'complementary: keeps a withheld group from being recovered from the others', log, 'complementary');
  }
  return out;
}

function hide(g: GroupSummary, id: string, reason: string, log: SuppressionLog, rule: SuppressionRule): void {
  g.mean = null;
  g.ci_low = null;
  g.ci_high = null;
  g.suppressed = true;
  log.suppressed.push({ id: `${id}[${g.group}]`, reason, rule });
}

/**
 * The "differ by fewer than k" rule: a view whose respondents exceed the already released
 * sub-views inside it by 1 to k − 1 people would let someone subtract its way to those
 * few, so the (larger, derived) view is withheld.
 */
export function differsByFewerThanK(viewN: number, releasedInsideN: number, k: number): boolean {
  const remainder = viewN - releasedInsideN;
  return remainder > 0 && remainder < k;
}

export function hideGroup(g: GroupSummary, id: string, reason: string, log: SuppressionLog, rule: SuppressionRule = 'differencing'): void {
  hide(g, id, reason, log, rule);
}
