// What an organization report needs beyond its own means and comparisons
// (org-comparisons.ts): the organization's staff split by role group (organizers / other
// staff) and race group (people of color / white), each cell shown only when it and the
// rest of the organization hold at least k people, so the organization's total minus a
// cell never gives a group under k; separation rates only over a mean headcount of 5. The
// cells are registered with the release pass (org-release-cells.ts), which checks them
// with every other output and may withhold more; afterwards each organization gets
// disclosure.json's entries about it (attachOrgWithheld).
import type { OrgAggregate, ScoredWave } from './aggregate.js';
import { ORGANIZER } from './analyze/select.js';
import type { SuppressionRule } from './disclose.js';
import { measureColumn, type Column } from './org-comparisons.js';
import type { Dims } from './release/keys.js';
import type { OrgBreakdown, OrgBreakdownCell, OrganizationSummary, OrgWithheldCell, Results } from './results.js';

export { COMPARED_MEASURES, COMPARED_SCALES, finishComparisons, measureColumn, verdictOf, welchFromMoments } from './org-comparisons.js';

/** Measures split by role and race group inside an organization: the essay's two outcomes. */
export const BREAKDOWN_MEASURES: readonly string[] = ['satisfaction_score', 'intent_to_leave_score'];
/** A separation rate over fewer people than this swings by 20 points or more with one departure. */
export const MIN_RATE_HEADCOUNT = 5;

export interface Part {
  group: OrgBreakdownCell['group'];
  dims: Dims;
  /** The group's respondents with a value (sorted indices); their values are read from the column. */
  members: Int32Array;
}

const BREAKDOWN_REASON = (k: number) =>
  `fewer than k = ${k} people in this group or in the rest of your staff (the total minus this group would give them away), or their answers would show how each answered`;

/** How many of the organization's respondents have a value of the measure. */
export function countValid(col: Column, start: number, end: number): number {
  let n = 0;
  if (col instanceof Float64Array) {
    for (let i = start; i < end; i++) if (col[i] === col[i]) n++;
  } else {
    for (let i = start; i < end; i++) if (col[i] > 0) n++;
  }
  return n;
}

/**
 * Working arrays for splitting an organization's members, reused from one organization to
 * the next (the caller makes one per wave): each is read only while that organization's
 * parts are made, then copied into its store.
 */
export class SplitScratch {
  /** An organization's valid members of one measure. */
  valid = new Int32Array(256);
  /** The two parts as they are split. */
  firsts = new Int32Array(256);
  seconds = new Int32Array(256);

  /** Room for an organization of n respondents. */
  fit(n: number): void {
    if (this.valid.length >= n) return;
    const size = Math.max(n, this.valid.length * 2);
    this.valid = new Int32Array(size);
    this.firsts = new Int32Array(size);
    this.seconds = new Int32Array(size);
  }
}

/** The organization's valid members of a measure (sorted indices), in the scratch array. */
function validMembers(col: Column, start: number, end: number, scratch: SplitScratch): Int32Array {
  const out = scratch.valid;
  let c = 0;
  if (col instanceof Float64Array) {
    for (let i = start; i < end; i++) if (col[i] === col[i]) out[c++] = i;
  } else {
    for (let i = start; i < end; i++) if (col[i] > 0) out[c++] = i;
  }
  return out.subarray(0, c);
}

/** Where an organization's parts are kept: one array for all of them, filled in order. */
interface Store {
  ids: Int32Array;
  at: number;
}

/** The organization's valid members of a measure (`all`), split by role or race, copied into `store`; the rest (group unknown) is implicit. */
function parts(sw: ScoredWave, o: OrgAggregate, all: Int32Array, by: 'role' | 'race', store: Store, { firsts, seconds }: SplitScratch): Part[] {
  let na = 0;
  let nb = 0;
  for (let j = 0; j < all.length; j++) {
    const i = all[j];
    if (by === 'role') {
      const r = sw.data.role[i];
      if (r === ORGANIZER) firsts[na++] = i;
      else if (r !== 0) seconds[nb++] = i;
    } else {
      const p = sw.data.poc[i];
      if (p === 1) firsts[na++] = i;
      else if (p === 0) seconds[nb++] = i;
    }
  }
  const a = store.ids.subarray(store.at, store.at + na);
  const b = store.ids.subarray(store.at + na, store.at + na + nb);
  a.set(firsts.subarray(0, na));
  b.set(seconds.subarray(0, nb));
  store.at += na + nb;
  const mk = (group: Part['group'], dims: Dims, idx: Int32Array): Part => ({ group, dims, members: idx });
  const org = o.rec.code;
  return by === 'role'
    ? [mk('organizers', { org, role: 'organizer' }, a), mk('other_staff', { org, role: 'other' }, b)]
    : [mk('poc', { org, poc: '1' }, a), mk('white', { org, poc: '0' }, b)];
}

/** Whether the members have values and all the same one. */
function allAlike(col: Column, members: Int32Array): boolean {
  if (members.length === 0) return false;
  const first = col[members[0]];
  for (let j = 1; j < members.length; j++) if (col[members[j]] !== first) return false;
  return true;
}

/** The members' mean, summed in member order. */
function meanOf(col: Column, members: Int32Array): number {
  let s = 0;
  for (let j = 0; j < members.length; j++) s += col[members[j]];
  return s / members.length;
}

/**
 * Whether the members of `all` outside the shown parts all have one value: `shown[0]` and
 * `shown[1]` say whether the first part (organizers, people of color) and the second
 * (other staff, white) are shown; people whose group is unknown are never in a part.
 */
function restAlike(sw: ScoredWave, col: Column, all: Int32Array, by: 'role' | 'race', shown: readonly boolean[]): boolean {
  let first = NaN;
  let any = false;
  const role = sw.data.role;
  const poc = sw.data.poc;
  for (let j = 0; j < all.length; j++) {
    const i = all[j];
    const part = by === 'role' ? (role[i] === ORGANIZER ? 0 : role[i] !== 0 ? 1 : -1) : poc[i] === 1 ? 0 : poc[i] === 0 ? 1 : -1;
    if (part >= 0 && shown[part]) continue;
    if (!any) {
      first = col[i];
      any = true;
    } else if (col[i] !== first) return false;
  }
  return any;
}

/**
 * Which parts may be shown: each has at least k people and so has the rest of the
 * organization (total − part); what stays hidden (withheld parts and people whose group is
 * unknown) is 0 or at least k together and not all alike, or nothing is shown; a part
 * whose answers are all alike is withheld.
 */
export function shownParts(sizes: readonly number[], total: number, k: number, alike: readonly boolean[] = []): boolean[] {
  const shown = sizes.map((n, i) => n >= k && total - n >= k && !alike[i]);
  for (;;) {
    const hidden = total - sizes.reduce((s, n, i) => s + (shown[i] ? n : 0), 0);
    if (hidden === 0 || hidden >= k) return shown;
    const smallest = sizes.map((n, i) => [n, i] as const).filter(([, i]) => shown[i]).sort((x, y) => x[0] - y[0])[0];
    if (!smallest) return shown;
    shown[smallest[1]] = false;
  }
}

/** Drafts by the summary they were made for, so the release pass reuses the members instead of splitting again. */
export const DRAFTS = new WeakMap<OrganizationSummary, BreakdownDraft[]>();

export interface BreakdownDraft {
  breakdown: OrgBreakdown;
  cells: { part: Part; published: boolean }[];
}

/**
 * An organization's breakdowns; `shown(measure)` says whether its own mean of the measure is
 * released. `scratch`: working arrays shared by the organizations of one wave.
 */
export function orgBreakdowns(sw: ScoredWave, o: OrgAggregate, shown: (measure: string) => boolean, scratch = new SplitScratch()): BreakdownDraft[] {
  const k = sw.k;
  const out: BreakdownDraft[] = [];
  const start = o.rec.start;
  const end = start + o.rec.respondents;
  scratch.fit(end - start);
  const cols = BREAKDOWN_MEASURES.map((measure) => measureColumn(sw, measure));
  // Each split places each valid member at most once: one array holds every part of the organization.
  let size = 0;
  for (const col of cols) size += 2 * countValid(col, start, end);
  const store: Store = { ids: new Int32Array(size), at: 0 };
  const reason = BREAKDOWN_REASON(k);
  BREAKDOWN_MEASURES.forEach((measure, m) => {
    const col = cols[m];
    // The organization's valid members, split by role and then by race.
    const all = validMembers(col, start, end, scratch);
    const ok = shown(measure);
    for (const by of ['role', 'race'] as const) {
      const ps = parts(sw, o, all, by, store, scratch);
      let show = ok ? shownParts(ps.map((p) => p.members.length), all.length, k, ps.map((p) => allAlike(col, p.members))) : ps.map(() => false);
      // What stays hidden can be worked out as total − shown parts: if it is all alike, showing nothing is the only safe choice.
      if (show.some(Boolean) && restAlike(sw, col, all, by, show)) show = ps.map(() => false);
      const cells: OrgBreakdownCell[] = ps.map((p, i) => ({
        group: p.group,
        mean: show[i] ? meanOf(col, p.members) : null,
        withheld: show[i] ? null : { rule: 'primary', reason },
      }));
      out.push({ breakdown: { measure, by, cells }, cells: ps.map((p, i) => ({ part: p, published: show[i] })) });
    }
  });
  return out;
}

/** Separation rates only where the group's mean headcount is at least MIN_RATE_HEADCOUNT. */
export function sizedSeparationRates(rates: OrganizationSummary['separation_rates']): OrganizationSummary['separation_rates'] {
  const out: OrganizationSummary['separation_rates'] = {};
  for (const [g, r] of Object.entries(rates)) out[g] = r.mean_headcount >= MIN_RATE_HEADCOUNT ? r : { ...r, rate: null, small_group: true };
  return out;
}

/** Copies disclosure.json's entries about each organization onto its summary (what its report lists as withheld). */
export function attachOrgWithheld(results: Results, withheld: readonly { id: string; rule: OrgWithheldCell['rule']; reason: string }[]): void {
  const byOrg = new Map<string, OrganizationSummary['withheld_cells']>();
  for (const w of withheld) {
    const m = /^org\/([^/]+)\//.exec(w.id) ?? /^export\/respondents\[([^\]]+)\]$/.exec(w.id);
    if (!m) continue;
    const list = byOrg.get(m[1]) ?? [];
    list.push({ id: w.id, rule: w.rule, reason: w.reason });
    byOrg.set(m[1], list);
  }
  for (const o of results.organizations) if (o.reportable) o.withheld_cells = byOrg.get(o.code) ?? [];
}
