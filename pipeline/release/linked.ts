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
import { universeSize, viewsByVar, type View, type Withholding } from './cells.js';
import { whileReadable } from './members.js';

export interface LinkedOptions {
  k: number;
  /** Respondents in the wave (the bitset's size). */
  respondents: number;
  /** Keys an earlier release published with the same n: withholding them now gains nothing. */
  earlierPublished?: ReadonlySet<string>;
}

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

/** Runs the nested and partition checks to a fixpoint; returns how many views it withheld. */
export function linkedPass(views: readonly View[], opts: LinkedOptions): number {
  const { k } = opts;
  const earlier = opts.earlierPublished ?? new Set<string>();
  const bits = new Uint8Array(universeSize(views, opts.respondents));
  const byVar = viewsByVar(views);
  for (const list of byVar.values()) list.sort((a, b) => a.first - b.first || b.n - a.n);

  const pick = (candidates: View[]): View => {
    const order = [...candidates].sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : 1));
    return order.find((v) => !v.fixed && !earlier.has(v.key)) ?? order.find((v) => !v.fixed) ?? order[0];
  };
  let total = 0;
  for (let round = 0; ; round++) {
    let changed = 0;
    for (const list of byVar.values()) {
      changed += whileReadable(list, () => nestedPass(list, k, bits, pick));
    }
    changed += contrastPass(views, k);
    total += changed;
    if (changed === 0 || round > views.length) return total;
  }
}

/** One round of the nested and partition checks over the views of one var (sorted by first member); returns how many it withheld. */
function nestedPass(list: readonly View[], k: number, bits: Uint8Array, pick: (candidates: View[]) => View): number {
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
    const candidates: View[] = [];
    for (let j = lo; j < list.length && list[j].first <= b.last; j++) {
      const a = list[j];
      if (a !== b && live(a) && a.n <= b.n && a.last <= b.last) candidates.push(a);
    }
    // Most organization cells have nothing else in their range: no bitset work for them.
    if (candidates.length === 0) continue;
    b.set!.mark(bits, 1);
    const inside: View[] = [];
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

/** The first way B and the views inside it differ by 1..k−1 people, if any. */
function violation(b: View, inside: View[], k: number): { views: View[]; reason: string } | null {
  const small = (d: number) => d > 0 && d < k;
  for (const a of inside) {
    if (small(b.n - a.n)) return { views: [a, b], reason: `complementary: ${a.cells[0].id} and ${b.cells[0].id} differ by fewer than k = ${k} respondents` };
  }
  const byTable = new Map<string, View[]>();
  for (const a of inside) {
    for (const t of a.tables) {
      if (b.tables.includes(t)) continue;
      const list = byTable.get(t);
      if (list) list.push(a);
      else byTable.set(t, [a]);
    }
  }
  for (const [table, parts] of byTable) {
    const sum = parts.reduce((s, a) => s + a.n, 0);
    if (small(b.n - sum)) return { views: [...parts, b], reason: `complementary: ${b.cells[0].id} minus the ${table} values inside it leaves fewer than k = ${k} respondents` };
  }
  return null;
}

/**
 * A published contrast estimate with one of its two groups withheld would give that group
 * back (the other group's mean plus the difference): the other group is withheld too.
 * (Any cell withheld counts, whatever rule withheld it; empty groups have nothing to give.)
 */
function contrastPass(views: readonly View[], k: number): number {
  const contrasts = new Map<string, { whole: View[]; parts: View[] }>();
  for (const v of views) {
    for (const c of v.contrasts) {
      let entry = contrasts.get(c.id);
      if (!entry) contrasts.set(c.id, (entry = { whole: [], parts: [] }));
      (c.role === 'whole' ? entry.whole : entry.parts).push(v);
    }
  }
  let changed = 0;
  for (const [id, { whole, parts }] of contrasts) {
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
