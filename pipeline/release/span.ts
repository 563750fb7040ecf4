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
// Exact arithmetic: the span test is Gauss–Jordan elimination over the rationals, rows kept
// as integer vectors (bigint) divided by their gcd — floating point could call a dependent
// row independent and miss an atom. Sparse rows, eliminated sparsest first: organization
// groups are disjoint and become pivots without touching each other, so only the few
// study-level rows grow, and the cost stays near linear in the number of atoms.
import type { View } from './cells.js';
import { withhold } from './linked.js';

export interface LinearOptions {
  k: number;
  /** Respondents in the wave (the size of the atom map). */
  respondents: number;
  /** Keys an earlier release on the same data published: in the span whether or not this run shows them. */
  publicForGood?: ReadonlySet<string>;
  /** Keys an earlier release published with this n: withholding them now gains nothing, so others go first. */
  earlierPublished?: ReadonlySet<string>;
}

const live = (v: View) => v.published && !v.withheld;
/** Candidates tried for one that alone breaks the span (each try is one elimination of the block). */
const TRIES = 4;

/** Runs the audit to a fixpoint; returns how many views it withheld. */
export function linearPass(views: readonly View[], opts: LinearOptions): number {
  const forGood = opts.publicForGood ?? new Set<string>();
  const earlier = opts.earlierPublished ?? new Set<string>();
  let size = opts.respondents;
  for (const v of views) if (v.last >= size) size = v.last + 1;
  const scratch = new Scratch(size);
  const byVar = new Map<string, View[]>();
  for (const v of views) {
    if (!v.members || v.n === 0) continue;
    const list = byVar.get(v.var);
    if (list) list.push(v);
    else byVar.set(v.var, [v]);
  }
  let total = 0;
  for (const list of byVar.values()) {
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
  }
  return total;
}

/** Reused arrays: the atom of each respondent, and per atom its size, split target and stamp. */
export class Scratch {
  atomOf: Int32Array;
  sizes: Int32Array;
  splitTo: Int32Array;
  stamp: Int32Array;
  tick = 0;
  constructor(respondents: number) {
    this.atomOf = new Int32Array(respondents);
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
 * Atoms of 1..k−1 respondents that lie in the span of `pub` (the published groups of one
 * var), each with the groups of one combination that gives it.
 */
export function findRecoverable(pub: readonly View[], k: number, scratch: Scratch): Recoverable[] {
  if (pub.length === 0) return [];
  const atomOf = scratch.atomOf;
  // Partition refinement: every group splits the atoms it touches into inside and outside.
  // Per-atom arrays with a stamp per group instead of a Map: this runs over every member
  // of every group of every var.
  for (const v of pub) {
    const m = v.members!;
    for (let t = 0; t < m.length; t++) atomOf[m[t]] = 0;
  }
  let atoms = 1;
  scratch.sizes[0] = 0;
  for (const v of pub) {
    const m = v.members!;
    const tick = ++scratch.tick;
    for (let t = 0; t < m.length; t++) {
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
  // Each group as the sorted list of its atoms; quick exit when no atom is small.
  let anySmall = false;
  for (let a = 1; a < atoms; a++) if (sizes[a] > 0 && sizes[a] < k) anySmall = true;
  if (!anySmall) return [];
  const rows: number[][] = [];
  for (const v of pub) {
    const m = v.members!;
    const tick = ++scratch.tick;
    const row: number[] = [];
    for (let t = 0; t < m.length; t++) {
      const a = atomOf[m[t]];
      if (scratch.stamp[a] !== tick) {
        scratch.stamp[a] = tick;
        row.push(a);
      }
    }
    rows.push(row.sort((a, b) => a - b));
  }
  // Components of the group–atom graph: elimination only where a small atom lives.
  const parent = Array.from({ length: atoms }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const r of rows) for (let i = 1; i < r.length; i++) parent[find(r[i])] = find(r[0]);
  const smallIn = new Set<number>();
  for (let a = 1; a < atoms; a++) if (sizes[a] > 0 && sizes[a] < k) smallIn.add(find(a));
  const byComponent = new Map<number, number[]>();
  rows.forEach((r, i) => {
    const c = find(r[0]);
    if (!smallIn.has(c)) return;
    const list = byComponent.get(c);
    if (list) list.push(i);
    else byComponent.set(c, [i]);
  });
  const out: Recoverable[] = [];
  for (const [component, members] of byComponent) {
    const input = members.map((i) => ({ cols: rows[i], view: i }));
    const weight = (c: number) => sizes[c];
    for (const g of groupRows(eliminate(input, weight))) {
      let people = 0;
      for (const c of g.cols) people += sizes[c];
      if (people < 1 || people >= k) continue;
      const breaks = (v: View) => !inRowSpace(eliminate(input.filter((r) => pub[r.view] !== v), weight), g.cols);
      out.push({ component, views: g.combo.map((i) => pub[i]), breaks });
    }
  }
  return out;
}

export interface SparseRow {
  cols: Map<number, bigint>;
  /** Coefficients over the original rows (views) that make this row. */
  combo: Map<number, bigint>;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** row := a·row − b·other (on cols and combo), in place. */
function combine(row: SparseRow, a: bigint, b: bigint, other: SparseRow): void {
  for (const part of ['cols', 'combo'] as const) {
    const target = row[part];
    if (a !== 1n) for (const [c, x] of target) target.set(c, a * x);
    for (const [c, y] of other[part]) {
      const x = (target.get(c) ?? 0n) - b * y;
      if (x === 0n) target.delete(c);
      else target.set(c, x);
    }
  }
}

/** Divides by the gcd of every entry, sign so that the first col is positive. */
function normalise(row: SparseRow): void {
  let g = 0n;
  for (const x of row.cols.values()) g = gcd(g, x);
  for (const x of row.combo.values()) g = gcd(g, x);
  const first = row.cols.values().next();
  if (!first.done && first.value < 0n) g = -g;
  if (g === 0n || g === 1n) return;
  for (const part of [row.cols, row.combo]) for (const [c, x] of part) part.set(c, x / g);
}

/**
 * Gauss–Jordan over the rationals on 0/1 rows (one per group, over atom columns): the
 * reduced echelon form, keyed by pivot column. `weight` picks each pivot among a row's
 * columns, heaviest first (the largest atom): small atoms stay free columns as far as they
 * can, so a group of several small atoms in the span tends to be one row of the form.
 */
export function eliminate(input: readonly { cols: readonly number[]; view: number }[], weight: (col: number) => number = () => 0): Map<number, SparseRow> {
  const order = [...input].sort((a, b) => a.cols.length - b.cols.length);
  const pivots = new Map<number, SparseRow>();
  // Pivot rows holding each column (the pivot's own included): whom a new pivot must clear.
  const holders = new Map<number, Set<SparseRow>>();
  const track = (row: SparseRow, before: Iterable<number>) => {
    for (const c of before) holders.get(c)?.delete(row);
    for (const c of row.cols.keys()) {
      let s = holders.get(c);
      if (!s) holders.set(c, (s = new Set()));
      s.add(row);
    }
  };
  for (const { cols, view } of order) {
    const row = reduce(pivots, cols, view);
    if (row.cols.size === 0) continue;
    let pc = -1;
    for (const c of row.cols.keys()) if (pc < 0 || weight(c) > weight(pc)) pc = c;
    const rx = row.cols.get(pc)!;
    for (const p of [...(holders.get(pc) ?? [])]) {
      const before = [...p.cols.keys()];
      const px = p.cols.get(pc)!;
      const g = gcd(rx, px);
      combine(p, rx / g, px / g, row);
      normalise(p);
      track(p, before);
    }
    pivots.set(pc, row);
    track(row, []);
  }
  return pivots;
}

/** The 0/1 row over `cols` reduced by the pivot rows: empty exactly when it lies in their span. */
function reduce(pivots: ReadonlyMap<number, SparseRow>, cols: readonly number[], view: number): SparseRow {
  const row: SparseRow = { cols: new Map(cols.map((c) => [c, 1n])), combo: new Map([[view, 1n]]) };
  for (const c of cols) {
    const x = row.cols.get(c);
    const p = pivots.get(c);
    if (x === undefined || !p) continue;
    // Pivot rows are reduced: clearing c brings in no other pivot column.
    const pc = p.cols.get(c)!;
    const g = gcd(pc, x);
    combine(row, pc / g, x / g, p);
  }
  normalise(row);
  return row;
}

/** True when the 0/1 vector over `cols` lies in the span of the reduced rows. */
export function inRowSpace(pivots: ReadonlyMap<number, SparseRow>, cols: readonly number[]): boolean {
  return reduce(pivots, cols, -1).cols.size === 0;
}

/** Rows of the reduced form that are a 0/1 vector (all entries equal): groups the published ones combine to. */
export function groupRows(pivots: ReadonlyMap<number, SparseRow>): { cols: number[]; combo: number[] }[] {
  const out: { cols: number[]; combo: number[] }[] = [];
  for (const row of pivots.values()) {
    const first = row.cols.values().next().value as bigint;
    let flat = true;
    for (const x of row.cols.values()) if (x !== first) flat = false;
    if (flat) out.push({ cols: [...row.cols.keys()].sort((a, b) => a - b), combo: [...row.combo.keys()].sort((a, b) => a - b) });
  }
  return out;
}

/** The unit vectors in the span of the rows: exactly the reduced rows with one entry, whatever the pivots. */
export function unitRows(input: { cols: readonly number[]; view: number }[]): { col: number; combo: number[] }[] {
  return groupRows(eliminate(input))
    .filter((g) => g.cols.length === 1)
    .map((g) => ({ col: g.cols[0], combo: g.combo }));
}
