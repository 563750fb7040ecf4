// rational.ts's Gauss–Jordan elimination on safe integers (numbers) instead of bigint:
// step for step the same algorithm, so the same reduced form and combinations, several
// times faster because small integers need no allocation. Every product and difference
// is checked: one that is not a safe integer throws Overflow, and the caller starts over
// on bigint (an entry past 2^53 cannot be trusted, and the result must be exact).

/** A 0/1 row's columns, ascending. */
export type Cols = readonly number[] | Int32Array;

export interface SmallRow {
  cols: Map<number, number>;
  /** Coefficients over the original rows (views) that make this row. */
  combo: Map<number, number>;
}

export class Overflow extends Error {
  constructor() {
    super('an entry of the elimination passed 2^53: redo it on bigint');
    this.name = 'Overflow';
  }
}

/** x when it is an exact integer (a product or difference of safe integers that stayed safe). */
function safe(x: number): number {
  if (!Number.isSafeInteger(x)) throw new Overflow();
  return x;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** row := a·row − b·other (on cols and combo), in place. */
function combine(row: SmallRow, a: number, b: number, other: SmallRow): void {
  combineMap(row.cols, a, b, other.cols);
  combineMap(row.combo, a, b, other.combo);
}

// forEach rather than for…of over entries: no [key, value] array per entry, and these loops
// run over every entry of every row the elimination touches.
function combineMap(target: Map<number, number>, a: number, b: number, from: ReadonlyMap<number, number>): void {
  if (a !== 1) target.forEach((x, c) => target.set(c, safe(a * x)));
  from.forEach((y, c) => {
    const x = safe((target.get(c) ?? 0) - safe(b * y));
    if (x === 0) target.delete(c);
    else target.set(c, x);
  });
}

/** Divides by the gcd of every entry, sign so that the first col is positive. */
function normalise(row: SmallRow): void {
  let g = 0;
  for (const x of row.cols.values()) g = gcd(g, x);
  for (const x of row.combo.values()) g = gcd(g, x);
  const first = row.cols.values().next();
  if (!first.done && first.value < 0) g = -g;
  if (g === 0 || g === 1) return;
  row.cols.forEach((x, c) => row.cols.set(c, x / g));
  row.combo.forEach((x, c) => row.combo.set(c, x / g));
}

/** rational.ts's eliminate on safe integers; throws Overflow. */
export function eliminateSmall(input: readonly { cols: Cols; view: number }[], weight: (col: number) => number, combos = true): Map<number, SmallRow> {
  const order = [...input].sort((a, b) => a.cols.length - b.cols.length);
  const pivots = new Map<number, SmallRow>();
  // Pivot rows holding each column (the pivot's own included): whom a new pivot must clear.
  const holders = new Map<number, Set<SmallRow>>();
  // A row kept in a column's holders is left in place (which holder is cleared first changes nothing: each is cleared on its own).
  const track = (row: SmallRow, before: Iterable<number>) => {
    for (const c of before) if (!row.cols.has(c)) holders.get(c)?.delete(row);
    for (const c of row.cols.keys()) {
      let s = holders.get(c);
      if (!s) holders.set(c, (s = new Set()));
      s.add(row);
    }
  };
  for (const { cols, view } of order) {
    const row = reduceSmall(pivots, cols, combos ? view : -1);
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

/** rational.ts's reduce on safe integers (view −1: no combination kept); throws Overflow. */
export function reduceSmall(pivots: ReadonlyMap<number, SmallRow>, cols: Cols, view: number): SmallRow {
  const start = new Map<number, number>();
  for (const c of cols) start.set(c, 1);
  const row: SmallRow = { cols: start, combo: view >= 0 ? new Map([[view, 1]]) : new Map() };
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
