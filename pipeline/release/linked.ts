// Linked suppression within one release: one pass over every view the release publishes
// (study report, every organization summary, series, counts). Primary: a view under k is
// withheld. Then, to a fixpoint, for each published view B and the published views of the
// same var inside it (exact member sets): a single nested view A with |B| − |A| of 1..k−1,
// or a table's views inside B leaving a remainder of 1..k−1, would let anyone subtract
// their way to those few people — so one of them is withheld: the smallest view, never one
// an earlier release already published, and a study total only when nothing else will do.
//
// Cost: per var, views sorted by first member; each B scans only the views inside its
// member range (respondents are contiguous by organization), with one reusable bitset.
import type { View, Withholding } from './cells.js';

const live = (v: View) => v.published && !v.withheld;

export function withhold(v: View, w: Withholding): void {
  if (!v.withheld) v.withheld = w;
}

/** Withholds views under k (primary). */
export function primaryPass(views: readonly View[], k: number): void {
  for (const v of views) {
    if (live(v) && v.n > 0 && v.n < k) withhold(v, { rule: 'primary', reason: `group under k: fewer than k = ${k} respondents` });
  }
}

/** A contrast's views (see Cell.contrast): an estimate and the two group means beside it. */
export interface Contrast {
  id: string;
  var: string;
  whole: View[];
  parts: View[];
}

/**
 * The contrasts of each var, in the order the views list them. A contrast's views are of
 * one var (an estimate and its groups summarise the same variable), so each var's checks
 * run on their own: nothing withheld in one var changes what another's checks see.
 */
export function contrastsByVar(views: readonly View[]): Map<string, Contrast[]> {
  const contrasts = new Map<string, Contrast>();
  const byVar = new Map<string, Contrast[]>();
  for (const v of views) {
    for (const c of v.contrasts) {
      let entry = contrasts.get(c.id);
      if (!entry) {
        contrasts.set(c.id, (entry = { id: c.id, var: v.var, whole: [], parts: [] }));
        const list = byVar.get(v.var);
        if (list) list.push(entry);
        else byVar.set(v.var, [entry]);
      } else if (entry.var !== v.var) {
        throw new Error(`contrast ${c.id} joins views of ${entry.var} and ${v.var}: the release pass checks one var at a time`);
      }
      (c.role === 'whole' ? entry.whole : entry.parts).push(v);
    }
  }
  return byVar;
}

/** The nested, partition and contrast checks of one var's views. */
export class LinkedChecks {
  private readonly work: NestedWork;
  private readonly earlier: ReadonlySet<string>;
  constructor(
    private readonly k: number,
    universe: number,
    earlierPublished: ReadonlySet<string> = new Set(),
  ) {
    this.work = { bits: new Uint8Array(universe), candidates: [], inside: [] };
    this.earlier = earlierPublished;
  }

  private readonly pick = (candidates: View[]): View => {
    const order = [...candidates].sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : 1));
    return order.find((v) => !v.fixed && !this.earlier.has(v.key)) ?? order.find((v) => !v.fixed) ?? order[0];
  };

  /**
   * Runs the checks on one var to a fixpoint; returns how many views they withheld.
   * `sorted`: the var's views by first member (larger first on a tie), sets readable.
   */
  fixpoint(sorted: readonly View[], contrasts: readonly Contrast[]): number {
    let total = 0;
    for (let round = 0; ; round++) {
      const changed = nestedPass(sorted, this.k, this.work, this.pick) + contrastPass(contrasts, this.k);
      total += changed;
      if (changed === 0 || round > sorted.length) return total;
    }
  }
}

/** A var's views in the order the nested check scans them: by first member, the larger first on a tie. */
export function byFirstMember(list: readonly View[]): View[] {
  return [...list].sort((a, b) => a.first - b.first || b.n - a.n);
}

/**
 * The nested check's working space, reused by every B: a bitset of the universe, and lists
 * that most Bs fill with a handful of views (a large study has over a hundred thousand Bs).
 */
interface NestedWork {
  bits: Uint8Array;
  candidates: View[];
  inside: View[];
}

/** One round of the nested and partition checks over the views of one var (sorted by first member); returns how many it withheld. */
function nestedPass(list: readonly View[], k: number, { bits, candidates, inside }: NestedWork, pick: (candidates: View[]) => View): number {
  let changed = 0;
  for (const b of list) {
    if (!live(b) || b.n < k) continue;
    // Views starting inside B's range: binary search to the first, scan while they start in it.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].first < b.first) lo = mid + 1;
      else hi = mid;
    }
    candidates.length = 0;
    for (let j = lo; j < list.length && list[j].first <= b.last; j++) {
      const a = list[j];
      if (a !== b && live(a) && a.n <= b.n && a.last <= b.last) candidates.push(a);
    }
    // Most organization cells have nothing else in their range: no bitset work for them.
    if (candidates.length === 0) continue;
    b.set!.mark(bits, 1);
    inside.length = 0;
    // Its ends first: most candidates fall out there, without a walk through their members.
    for (const a of candidates) if ((a.first < 0 || (bits[a.first] === 1 && bits[a.last] === 1)) && a.set!.within(bits)) inside.push(a);
    b.set!.mark(bits, 0);
    const hit = violation(b, inside, k);
    if (hit) {
      const v = pick(hit.views);
      withhold(v, { rule: 'complementary', reason: hit.reason });
      changed++;
    }
  }
  return changed;
}

/** Above this many views inside B, its tables are looked up in a map rather than a list. */
const FEW = 16;

/** The first way B and the views inside it differ by 1..k−1 people, if any. */
function violation(b: View, inside: readonly View[], k: number): { views: View[]; reason: string } | null {
  const small = (d: number) => d > 0 && d < k;
  for (const a of inside) {
    if (small(b.n - a.n)) return { views: [a, b], reason: `complementary: ${a.cells[0].id} and ${b.cells[0].id} differ by fewer than k = ${k} respondents` };
  }
  // The tables of the views inside B (other than B's own), in order of first appearance, each with its sum.
  const tables: string[] = [];
  const sums: number[] = [];
  const index = inside.length > FEW ? new Map<string, number>() : null;
  for (const a of inside) {
    for (const t of a.tables) {
      if (b.tables.includes(t)) continue;
      const i = index ? (index.get(t) ?? -1) : tables.indexOf(t);
      if (i >= 0) sums[i] += a.n;
      else {
        index?.set(t, tables.length);
        tables.push(t);
        sums.push(a.n);
      }
    }
  }
  for (let i = 0; i < tables.length; i++) {
    if (small(b.n - sums[i])) {
      const parts = inside.filter((a) => a.tables.includes(tables[i]));
      return { views: [...parts, b], reason: `complementary: ${b.cells[0].id} minus the ${tables[i]} values inside it leaves fewer than k = ${k} respondents` };
    }
  }
  return null;
}

/**
 * A published contrast estimate with one of its two groups withheld would give that group
 * back (the other group's mean plus the difference): the other group is withheld too.
 * (Any cell withheld counts, whatever rule withheld it; empty groups have nothing to give.)
 */
function contrastPass(contrasts: readonly Contrast[], k: number): number {
  let changed = 0;
  for (const { id, whole, parts } of contrasts) {
    if (!whole.some(live)) continue;
    const hidden = parts.filter((p) => !live(p) && p.n > 0);
    const shown = parts.filter(live);
    if (hidden.length === 1 && shown.length === 1) {
      withhold(shown[0], { rule: 'complementary', reason: `complementary: with the ${id} estimate it would give back the withheld group (k = ${k})` });
      changed++;
    }
  }
  return changed;
}
