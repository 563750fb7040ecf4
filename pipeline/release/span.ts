// The linear-combination audit: an analyst holding every output of a release can add and
// subtract any of its published sums (a mean times its n) and counts — A − B − C across
// tables, organizations and breakdowns — so a group of respondents is recoverable when its
// indicator vector lies in the span of the published groups' indicator vectors. Per var
// (only sums of one variable combine), the respondents are cut into atoms: people with the
// same membership in every published group. An atom of 1..k−1 people inside that span is
// a disclosure (tested exactly), and so is a group of several atoms of 1..k−1 people in
// all that the reduced echelon form shows as one row (found, not searched exhaustively);
// one group of the combination that isolates it is withheld — the cheapest that alone
// breaks it, never a study total while another will do, never one an earlier release
// published — and the audit repeats to a fixpoint (withholding only shrinks the span).
// Groups an earlier release on the same data published stay in the span: they are public
// for good.
//
// Exact arithmetic (rational.ts): Gauss–Jordan elimination over the rationals — floating
// point could call a dependent row independent and miss an atom. Sparse rows, eliminated
// sparsest first, only in blocks of groups and atoms that hold a small atom: organization
// groups are disjoint and become pivots without touching each other, so only the few
// study-level rows grow, and the cost stays near linear in the number of atoms.
import type { View } from './cells.js';
import { ColumnSet, type ValidColumn } from './members.js';
import { withhold } from './linked.js';
import { eliminate, groupRows, inRowSpace } from './rational.js';

export interface LinearOptions {
  k: number;
  /** Keys an earlier release on the same data published: in the span whether or not this run shows them. */
  publicForGood?: ReadonlySet<string>;
  /** Keys an earlier release published with this n: withholding them now gains nothing, so others go first. */
  earlierPublished?: ReadonlySet<string>;
}

const live = (v: View) => v.published && !v.withheld;
/** Candidates tried for one that alone breaks the span (each try is one elimination of the block). */
const TRIES = 4;

/** The audit of one var's views (in the order the views list them, sets readable), to a fixpoint; returns how many it withheld. */
export function auditVar(list: readonly View[], opts: LinearOptions, scratch: Scratch): number {
  const forGood = opts.publicForGood ?? new Set<string>();
  const earlier = opts.earlierPublished ?? new Set<string>();
  let total = 0;
  for (;;) {
    const inSpan = (v: View) => live(v) || forGood.has(v.key);
    const pub = list.filter(inSpan);
    const found = findRecoverable(pub, opts.k, scratch);
    let changed = 0;
    const done = new Set<number>();
    for (const f of found) {
      if (done.has(f.component)) continue;
      const candidates = f.views.filter((v) => live(v) && !forGood.has(v.key));
      // Only groups already public for good combine to it: nothing this run withholds helps
      // (and, withholding nothing for it, the loop still ends).
      if (candidates.length === 0) continue;
      // Cheapest first: the smallest, a group an earlier release published later, a study
      // total last; the first of the few cheapest that alone breaks the span, else the cheapest.
      const tier = (v: View) => (v.fixed ? 2 : earlier.has(v.key) ? 1 : 0);
      const order = candidates.sort((a, b) => tier(a) - tier(b) || a.n - b.n || (a.key < b.key ? -1 : 1));
      const pick = order.slice(0, TRIES).find((v) => f.breaks(v)) ?? order[0];
      const names = f.views.map((v) => v.cells[0].id).sort();
      const shown = names.length > 6 ? [...names.slice(0, 6), `and ${names.length - 6} more`] : names;
      withhold(pick, { rule: 'complementary', combines: names, reason: `linear combination: ${shown.join(', ')} added and subtracted isolate fewer than k = ${opts.k} respondents` });
      changed++;
      // One view per component and round: the next round sees the span without it.
      done.add(f.component);
    }
    total += changed;
    if (changed === 0) break;
  }
  return total;
}

/** Reused arrays: the atom of each respondent, and per atom its size, split target and stamp. */
export class Scratch {
  atomOf: Int32Array;
  /** One group's members at a time. */
  members: Int32Array;
  sizes: Int32Array;
  splitTo: Int32Array;
  stamp: Int32Array;
  tick = 0;
  constructor(respondents: number) {
    this.atomOf = new Int32Array(respondents);
    this.members = new Int32Array(respondents);
    this.sizes = new Int32Array(respondents + 2);
    this.splitTo = new Int32Array(respondents + 2);
    this.stamp = new Int32Array(respondents + 2);
  }

  /** Atom ids can outnumber respondents (a group equal to an atom empties it and makes a new one). */
  grow(atoms: number): void {
    const cap = Math.max(atoms, this.sizes.length * 2);
    for (const name of ['sizes', 'splitTo', 'stamp'] as const) {
      const next = new Int32Array(cap);
      next.set(this[name]);
      this[name] = next;
    }
  }
}

interface Recoverable {
  /** The connected block of groups and atoms it was found in (one withholding per block and round). */
  component: number;
  /** The published groups of one combination that isolates it. */
  views: View[];
  /** True when withholding `v` takes the atom out of the span (no other combination gives it). */
  breaks: (v: View) => boolean;
}

/**
 * True when no two groups share a respondent (their member ranges do not overlap) and each
 * holds k or more: then the atoms are the groups themselves and none is small. Most vars
 * (an organization's scales, bridge items) are that, and this spares their refinement.
 */
function disjointAndLarge(pub: readonly View[], k: number): boolean {
  // Each view as first member × 2^21 + its index, sorted as numbers (exact below 2^53): by first member.
  if (pub.length >= 2 ** 21) return false;
  const at = new Float64Array(pub.length);
  let len = 0;
  for (let i = 0; i < pub.length; i++) if (pub[i].first >= 0) at[len++] = pub[i].first * 2 ** 21 + i;
  const sorted = at.subarray(0, len).sort();
  let last = -1;
  for (let j = 0; j < len; j++) {
    const v = pub[sorted[j] % 2 ** 21];
    if (v.first <= last || v.set!.count() < k) return false;
    last = v.last;
  }
  return true;
}

/**
 * True when the groups are each every valid respondent of some ranges of respondents, and
 * some of them, each of k or more and disjoint, tile every other one exactly (a study-level
 * mean is a union of organizations' means): then the atoms are the tiles and none is
 * small. Most vars (scales without breakdowns, bridge items) are that, and this spares their
 * refinement; anything else is refined.
 */
function unionsOfLarge(pub: readonly View[], k: number): boolean {
  let column: ValidColumn | null = null;
  const sets: ColumnSet[] = [];
  for (const v of pub) {
    // Described sets (whileReadable lists the wide ones as the pass reads them).
    const set = v.described;
    if (!(set instanceof ColumnSet) || set.role >= 0 || set.poc > -2) return false;
    column ??= set.column;
    if (set.column !== column) return false;
    sets.push(set);
  }
  // One range each, by start and then end: the first of overlapping ones is the tile, the rest must be unions of tiles.
  const single = sets.filter((x) => x.ranges.length === 2).sort((x, y) => x.ranges[0] - y.ranges[0] || x.ranges[1] - y.ranges[1]);
  const tiles = new Map<number, ColumnSet>();
  const unions = sets.filter((x) => x.ranges.length !== 2);
  let end = -1;
  for (const x of single) {
    if (x.ranges[0] < end) unions.push(x);
    else {
      if (x.count() < k) return false;
      tiles.set(x.ranges[0], x);
      end = x.ranges[1];
    }
  }
  for (const u of unions) {
    for (let r = 0; r < u.ranges.length; r += 2) {
      let at = u.ranges[r];
      while (at < u.ranges[r + 1]) {
        const tile = tiles.get(at);
        if (!tile) return false;
        at = tile.ranges[1];
      }
      if (at !== u.ranges[r + 1]) return false;
    }
  }
  return true;
}

/**
 * Atoms (and groups of atoms shown as one reduced row) of 1..k−1 respondents in all that
 * lie in the span of `pub` (the published groups of one var), each with the groups of one
 * combination that gives it.
 */
export function findRecoverable(pub: readonly View[], k: number, scratch: Scratch): Recoverable[] {
  if (pub.length === 0 || disjointAndLarge(pub, k) || unionsOfLarge(pub, k)) return [];
  const atomOf = scratch.atomOf;
  // Partition refinement: every group splits the atoms it touches into inside and outside.
  // Per-atom arrays with a stamp per group instead of a Map: this runs over every member
  // of every group of every var.
  const m = scratch.members;
  // Everyone starts in atom 0 (only members are ever read).
  atomOf.fill(0);
  let atoms = 1;
  scratch.sizes[0] = 0;
  for (const v of pub) {
    const len = v.set!.write(m);
    const tick = ++scratch.tick;
    for (let t = 0; t < len; t++) {
      const a = atomOf[m[t]];
      let to: number;
      if (scratch.stamp[a] === tick) to = scratch.splitTo[a];
      else {
        to = atoms++;
        if (to >= scratch.sizes.length) scratch.grow(to + 1);
        scratch.stamp[a] = tick;
        scratch.splitTo[a] = to;
        scratch.sizes[to] = 0;
      }
      scratch.sizes[a]--;
      scratch.sizes[to]++;
      atomOf[m[t]] = to;
    }
  }
  const sizes = scratch.sizes;
  // Quick exit when no atom is small.
  let anySmall = false;
  for (let a = 1; a < atoms; a++) if (sizes[a] > 0 && sizes[a] < k) anySmall = true;
  if (!anySmall) return [];
  // Each group's distinct atoms, one group after another in one buffer (`at` its starts):
  // rows are made as arrays only for the blocks that hold a small atom.
  const at = new Int32Array(pub.length + 1);
  let flat = new Int32Array(Math.max(16, pub.length * 2));
  for (let i = 0; i < pub.length; i++) {
    const len = pub[i].set!.write(m);
    const tick = ++scratch.tick;
    let c = at[i];
    for (let t = 0; t < len; t++) {
      const a = atomOf[m[t]];
      if (scratch.stamp[a] !== tick) {
        scratch.stamp[a] = tick;
        if (c === flat.length) {
          const next = new Int32Array(flat.length * 2);
          next.set(flat);
          flat = next;
        }
        flat[c++] = a;
      }
    }
    at[i + 1] = c;
  }
  // Components of the group–atom graph: elimination only where a small atom lives.
  const parent = new Int32Array(atoms);
  for (let i = 0; i < atoms; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let i = 0; i < pub.length; i++) {
    const s = at[i];
    for (let j = s + 1; j < at[i + 1]; j++) parent[find(flat[j])] = find(flat[s]);
  }
  const smallIn = new Set<number>();
  for (let a = 1; a < atoms; a++) if (sizes[a] > 0 && sizes[a] < k) smallIn.add(find(a));
  const byComponent = new Map<number, number[]>();
  for (let i = 0; i < pub.length; i++) {
    if (at[i] === at[i + 1]) continue;
    const c = find(flat[at[i]]);
    if (!smallIn.has(c)) continue;
    const list = byComponent.get(c);
    if (list) list.push(i);
    else byComponent.set(c, [i]);
  }
  const rowOf = (i: number) => flat.slice(at[i], at[i + 1]).sort();
  const out: Recoverable[] = [];
  for (const [component, members] of byComponent) {
    const input = members.map((i) => ({ cols: rowOf(i), view: i }));
    const weight = (c: number) => sizes[c];
    const small = (cols: ReadonlyMap<number, unknown>) => {
      let people = 0;
      for (const c of cols.keys()) people += sizes[c];
      return people >= 1 && people < k;
    };
    // Only the rows of 1..k−1 people (`small`) are listed: those are what a release must not give back.
    // Whether there are any is decided without the combinations (rational.ts: the same rows
    // up to a factor); most blocks have none, and only those that do are eliminated again with them.
    if (groupRows(eliminate(input, weight, false), small).length === 0) continue;
    for (const g of groupRows(eliminate(input, weight), small)) {
      const breaks = (v: View) => !inRowSpace(eliminate(input.filter((r) => pub[r.view] !== v), weight, false), g.cols);
      out.push({ component, views: g.combo.map((i) => pub[i]), breaks });
    }
  }
  return out;
}
