// Disclosure control on everything computed from staff answers: an estimate whose smallest
// contributing group is under k keeps its fields but loses its value and its n (suppressed:
// true, `withheld` says which rule and why); group summaries under k are withheld one by one;
// when exactly one group of a released partition is withheld, the next smallest is withheld
// too (complementary suppression), so no value can be recovered by subtraction. A withheld
// cell has no value and no n: a size of 1..k−1 is itself a number resting on too few people.
import type { Draft } from './analyze/estimate.js';
import type { Estimate, GroupSummary, Withheld } from './results.js';

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

/**
 * Companion statistics that count respondents. Separations from organization profiles are
 * not staff answers (and H2's ratio and headcounts would give them back): they stay.
 */
const COUNT_KEY = /(^|_)(n|respondents|count)(_|$)/;

/** The reason a group under k withheld something, in words, without its size. */
export const primaryReason = (k: number) => `a group it rests on has fewer than k = ${k} respondents`;

export function discloseEstimate(d: Draft, k: number, log: SuppressionLog): Estimate {
  const e = structuredClone(d.estimate);
  // An empty group (nobody at all) protects no one: that is "not estimable", not a withholding.
  const emptyGroup = d.minGroup === 0 && e.estimate === null;
  if (d.minGroup !== null && d.minGroup < k && !emptyGroup) {
    // Whether or not the statistics could have given a value, a group under k is why there
    // is none: privacy withheld it (the statistics layer's reason could quote the group's data).
    // The reason never quotes the group's size: that number would itself rest on fewer than k.
    log.suppressed.push({ id: e.id, reason: `group under k: ${primaryReason(k)}`, rule: 'primary' });
    return withhold(e, `Suppressed: ${primaryReason(k)}.`, { rule: 'primary', reason: primaryReason(k) });
  }
  // Whatever else happened, an n of 1..k−1 (e.g. the one non-empty group of a not-estimable
  // comparison) is a count under k: not released.
  if (e.n !== null && e.n > 0 && e.n < k) e.n = null;
  if (e.estimate === null && e.suppressed === false && e.withheld == null) {
    e.withheld = { rule: 'not_estimable', reason: (e.note ?? 'Not estimable.').replace(/^Not estimable:\s*/, '').replace(/\.$/, '') };
  }
  if (e.details) {
    for (const [key, value] of Object.entries(e.details)) {
      if (Array.isArray(value)) e.details[key] = discloseGroups(value, k, `${e.id}.${key}`, log);
      // A count of respondents among the companion statistics under k is not released either.
      else if (COUNT_KEY.test(key) && typeof value === 'number' && Number.isInteger(value) && value > 0 && value < k) e.details[key] = null;
    }
  }
  return e;
}

export function withhold(e: Estimate, note: string, withheld: Withheld = { rule: 'primary', reason: note.replace(/^Suppressed:\s*/, '').replace(/\.$/, '') }): Estimate {
  return {
    ...e,
    n: null,
    n_orgs: null,
    withheld,
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
 * Withholds groups under k. When the groups partition a released total, partners are
 * withheld too (complementary suppression), smallest first, until the withheld groups
 * together hold at least k people: otherwise the total minus the shown groups would give
 * back a count under k (one group's size, or the sum of a few small ones).
 */
export function discloseGroups(groups: readonly GroupSummary[], k: number, id: string, log: SuppressionLog, options: { totalReleased?: boolean } = {}): GroupSummary[] {
  const out = groups.map((g) => ({ ...g }));
  const sizes = new Map(out.map((g) => [g, g.n ?? 0]));
  const small = out.filter((g) => g.n !== null && g.n > 0 && g.n < k);
  for (const g of small) hide(g, id, `group under k (fewer than ${k} respondents)`, log, 'primary');
  if (options.totalReleased && small.length > 0) {
    let hidden = small.reduce((s, g) => s + sizes.get(g)!, 0);
    let count = small.length;
    while (count < 2 || hidden < k) {
      const next = out.filter((g) => !g.suppressed && sizes.get(g)! > 0).sort((a, b) => sizes.get(a)! - sizes.get(b)!)[0];
      if (!next) break;
      hidden += sizes.get(next)!;
      count += 1;
      hide(next, id, 'complementary: keeps a withheld group from being recovered from the others', log, 'complementary');
    }
  }
  return out;
}

function hide(g: GroupSummary, id: string, reason: string, log: SuppressionLog, rule: SuppressionRule): void {
  g.mean = null;
  g.ci_low = null;
  g.ci_high = null;
  g.n = null;
  g.n_orgs = null;
  g.suppressed = true;
  g.withheld = { rule, reason };
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
