// Exact linear algebra for the linear-combination audit (span.ts): Gauss–Jordan
// elimination over the rationals on 0/1 rows, each row an integer vector divided by its
// gcd, carrying the combination of original rows that makes it. Floating point could call
// a dependent row independent and miss a group; these rows are small and sparse.
//
// The entries of these rows stay small, so the elimination runs on safe integers
// (rational-small.ts) and, only if an entry would pass 2^53, again from the start on
// bigint: the same steps in the same order, so the same reduced form either way.
import { eliminateSmall, Overflow, reduceSmall, type Cols, type SmallRow } from './rational-small.js';

export type { Cols };

export interface SparseRow {
  cols: Map<number, bigint>;
  /** Coefficients over the original rows (views) that make this row. */
  combo: Map<number, bigint>;
}

/** The reduced echelon form, keyed by pivot column, in whichever arithmetic held it. */
export type Echelon = { small: Map<number, SmallRow> } | { big: Map<number, SparseRow> };

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
 *
 * Without `combos`, no row carries the combination of input rows that makes it (each
 * `combo` is empty): every row is then the same row up to a factor, since each step is the
 * same linear combination — so the same pivots, zero entries, flat rows and row space, for
 * the work of the columns alone. What lies in the span is decided that way; only the
 * combinations that give it need them.
 */
export function eliminate(input: readonly { cols: Cols; view: number }[], weight: (col: number) => number = () => 0, combos = true): Echelon {
  try {
    return { small: eliminateSmall(input, weight, combos) };
  } catch (e) {
    if (!(e instanceof Overflow)) throw e;
    return { big: eliminateBig(input, weight, combos) };
  }
}

/** The elimination on bigint alone (what eliminate falls back to; tests compare the two). */
export function eliminateBig(input: readonly { cols: Cols; view: number }[], weight: (col: number) => number = () => 0, combos = true): Map<number, SparseRow> {
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
    const row = reduce(pivots, cols, combos ? view : -1);
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

/** The 0/1 row over `cols` reduced by the pivot rows (view −1: no combination kept): empty exactly when it lies in their span. */
function reduce(pivots: ReadonlyMap<number, SparseRow>, cols: Cols, view: number): SparseRow {
  const start = new Map<number, bigint>();
  for (const c of cols) start.set(c, 1n);
  const row: SparseRow = { cols: start, combo: view >= 0 ? new Map([[view, 1n]]) : new Map() };
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
export function inRowSpace(e: Echelon, cols: Cols): boolean {
  if ('big' in e) return reduce(e.big, cols, -1).cols.size === 0;
  try {
    return reduceSmall(e.small, cols, -1).cols.size === 0;
  } catch (err) {
    if (!(err instanceof Overflow)) throw err;
    // The form's entries are exact: the same reduction on bigint.
    const big = new Map<number, SparseRow>();
    for (const [c, r] of e.small) big.set(c, { cols: toBig(r.cols), combo: toBig(r.combo) });
    return reduce(big, cols, -1).cols.size === 0;
  }
}

const toBig = (m: Map<number, number>) => new Map([...m].map(([c, x]) => [c, BigInt(x)]));

/** Rows of the reduced form that are a 0/1 vector (all entries equal): groups the published ones combine to (those `keep` accepts, when given). */
export function groupRows(e: Echelon, keep?: (cols: ReadonlyMap<number, unknown>) => boolean): { cols: number[]; combo: number[] }[] {
  const out: { cols: number[]; combo: number[] }[] = [];
  const rows: Iterable<{ cols: Map<number, number | bigint>; combo: Map<number, number | bigint> }> = 'big' in e ? e.big.values() : e.small.values();
  for (const row of rows) {
    // Rows the caller has no use for are not listed and sorted.
    if (keep && !keep(row.cols)) continue;
    const first = row.cols.values().next().value as number | bigint;
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
