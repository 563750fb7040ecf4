// The respondents a group rests on, listed or described. A run's organization cells, breakdowns
// and series are described (a column's valid values in some ranges of respondents, perhaps of
// one role and race) and read straight from the wave's columns when the pass needs them: on
// a large study, listing every member of every group would hold several times the wave's own
// columns. Member indices are ascending and distinct either way.

export interface MemberSet {
  /** First and last member (−1 when empty). */
  readonly first: number;
  readonly last: number;
  /** Writes the members, ascending, into `out` from index 0; returns how many. */
  write(out: Int32Array): number;
  /** Sets `bits[i] = value` for every member i. */
  mark(bits: Uint8Array, value: number): void;
  /** True when `bits[i]` is set for every member i. */
  within(bits: Uint8Array): boolean;
  /** The members as a list (a new array unless the set is one). */
  list(): Int32Array;
  /** How many members. */
  count(): number;
  /** False for a set that scans far more respondents than it holds (whileReadable lists it). */
  readonly narrow: boolean;
}

/**
 * Runs `f` with the views' wide sets (not `narrow`) listed, then puts the described sets
 * back: the lists of one variable's wide groups are held only while it is checked.
 */
export function whileReadable<T extends { set: MemberSet | null }, R>(views: readonly T[], f: () => R): R {
  const saved = views.map((v) => v.set);
  // The lists share one buffer: one allocation per variable, not one per group.
  let size = 0;
  for (const v of views) if (v.set && !v.set.narrow) size += (v.set as ColumnSet).count();
  const pool = new Int32Array(size);
  let at = 0;
  for (const v of views) {
    if (!v.set || v.set.narrow) continue;
    const c = v.set as ColumnSet;
    const n = c.write(pool.subarray(at));
    v.set = new ListSet(pool.subarray(at, at + n));
    at += n;
  }
  try {
    return f();
  } finally {
    views.forEach((v, i) => (v.set = saved[i]));
  }
}

/** A listed set. */
export class ListSet implements MemberSet {
  readonly first: number;
  readonly last: number;
  constructor(readonly ids: Int32Array) {
    this.first = ids.length ? ids[0] : -1;
    this.last = ids.length ? ids[ids.length - 1] : -1;
  }
  write(out: Int32Array): number {
    out.set(this.ids);
    return this.ids.length;
  }
  mark(bits: Uint8Array, value: number): void {
    const m = this.ids;
    for (let t = 0; t < m.length; t++) bits[m[t]] = value;
  }
  within(bits: Uint8Array): boolean {
    const m = this.ids;
    for (let t = 0; t < m.length; t++) if (bits[m[t]] === 0) return false;
    return true;
  }
  list(): Int32Array {
    return this.ids;
  }
  count(): number {
    return this.ids.length;
  }
  get narrow(): boolean {
    return true;
  }
}

/** Whose value counts: every respondent, a score (not NaN) or an item (answered: above 0). */
export type ValidColumn = { kind: 'all' } | { kind: 'score'; col: Float64Array } | { kind: 'item'; col: Uint8Array };

/** Respondents' role and race columns, for sets of one role or race. */
export interface Who {
  role: Uint8Array;
  poc: Int8Array;
}

/**
 * A described set: the respondents in `ranges` (start, end pairs; ascending, disjoint) with
 * a valid value of `column`, of role `role` (−1: any) and poc value `poc` (−2: any).
 */
export class ColumnSet implements MemberSet {
  first = -1;
  last = -1;
  constructor(
    readonly column: ValidColumn,
    readonly ranges: Int32Array,
    readonly who: Who,
    readonly role: number,
    readonly poc: number,
  ) {
    for (let r = 0; r < ranges.length && this.first < 0; r += 2) {
      for (let i = ranges[r]; i < ranges[r + 1]; i++) {
        if (this.has(i)) {
          this.first = i;
          break;
        }
      }
    }
    for (let r = ranges.length - 2; r >= 0 && this.last < 0; r -= 2) {
      for (let i = ranges[r + 1] - 1; i >= ranges[r]; i--) {
        if (this.has(i)) {
          this.last = i;
          break;
        }
      }
    }
  }

  /** One respondent (for the ends only: the loops below test a whole range with one monomorphic loop each). */
  private has(i: number): boolean {
    if (this.role >= 0 && this.who.role[i] !== this.role) return false;
    if (this.poc > -2 && this.who.poc[i] !== this.poc) return false;
    const c = this.column;
    return c.kind === 'all' || (c.kind === 'score' ? c.col[i] === c.col[i] : c.col[i] > 0);
  }

  private size = -1;
  /** How many members (counted over the ranges once; the columns do not change during a pass). */
  count(): number {
    if (this.size >= 0) return this.size;
    let n = 0;
    this.each((s, e) => {
      n += this.scan(s, e, null, 0, null, 0);
      return true;
    });
    this.size = n;
    return n;
  }
  write(out: Int32Array): number {
    let c = 0;
    this.each((s, e) => {
      c = this.scan(s, e, out, c, null, 0);
      return true;
    });
    return c;
  }
  mark(bits: Uint8Array, value: number): void {
    this.each((s, e) => {
      this.scan(s, e, null, 0, bits, value + 2);
      return true;
    });
  }
  within(bits: Uint8Array): boolean {
    return this.each((s, e) => this.scan(s, e, null, 0, bits, 1) >= 0);
  }
  list(): Int32Array {
    const out = new Int32Array(this.count());
    this.write(out);
    return out;
  }
  /** One organization's valid respondents scan little they do not hold; a study-wide group of one role and race does. */
  get narrow(): boolean {
    return this.ranges.length <= 2 && this.role < 0 && this.poc < -1;
  }

  private each(f: (start: number, end: number) => boolean): boolean {
    const r = this.ranges;
    for (let j = 0; j < r.length; j += 2) if (!f(r[j], r[j + 1])) return false;
    return true;
  }

  /**
   * The members in [start, end): written to `out` from `c` (returns the new end), or, with
   * `bits`, marked (op = value + 2) or checked (op 1: returns −1 at the first one unset),
   * or counted (neither: returns c plus the count).
   */
  private scan(start: number, end: number, out: Int32Array | null, c: number, bits: Uint8Array | null, op: number): number {
    const col = this.column;
    const role = this.role >= 0 ? this.who.role : null;
    const poc = this.poc > -2 ? this.who.poc : null;
    if (role || poc) {
      if (col.kind === 'score' && !bits) return scanScoreWhere(col.col, start, end, role ?? this.who.role, this.role, poc ?? this.who.poc, this.poc, out, c);
      return scanWhere(col, start, end, role, this.role, poc, this.poc, out, c, bits, op);
    }
    if (col.kind === 'all') return scanAll(start, end, out, c, bits, op);
    return col.kind === 'score' ? scanScore(col.col, start, end, out, c, bits, op) : scanItem(col.col, start, end, out, c, bits, op);
  }
}

// One monomorphic loop per column type: a loop fed both Float64Array and Uint8Array reads each
// element several times slower, and these run over every respondent of many groups.

function scanAll(start: number, end: number, out: Int32Array | null, c: number, bits: Uint8Array | null, op: number): number {
  if (out) {
    for (let i = start; i < end; i++) out[c++] = i;
    return c;
  }
  if (!bits) return c + (end - start);
  if (op === 1) {
    for (let i = start; i < end; i++) if (bits[i] === 0) return -1;
    return c;
  }
  bits.fill(op - 2, start, end);
  return c;
}

function scanScore(col: Float64Array, start: number, end: number, out: Int32Array | null, c: number, bits: Uint8Array | null, op: number): number {
  if (out) {
    for (let i = start; i < end; i++) if (col[i] === col[i]) out[c++] = i;
    return c;
  }
  if (!bits) {
    for (let i = start; i < end; i++) if (col[i] === col[i]) c++;
    return c;
  }
  if (op === 1) {
    for (let i = start; i < end; i++) if (col[i] === col[i] && bits[i] === 0) return -1;
    return c;
  }
  const v = op - 2;
  for (let i = start; i < end; i++) if (col[i] === col[i]) bits[i] = v;
  return c;
}

function scanItem(col: Uint8Array, start: number, end: number, out: Int32Array | null, c: number, bits: Uint8Array | null, op: number): number {
  if (out) {
    for (let i = start; i < end; i++) if (col[i] > 0) out[c++] = i;
    return c;
  }
  if (!bits) {
    for (let i = start; i < end; i++) if (col[i] > 0) c++;
    return c;
  }
  if (op === 1) {
    for (let i = start; i < end; i++) if (col[i] > 0 && bits[i] === 0) return -1;
    return c;
  }
  const v = op - 2;
  for (let i = start; i < end; i++) if (col[i] > 0) bits[i] = v;
  return c;
}

/** Scores of one role (−1: any) and poc value (−2: any), written or counted: the study-level breakdowns and series. */
function scanScoreWhere(col: Float64Array, start: number, end: number, role: Uint8Array, wantRole: number, poc: Int8Array, wantPoc: number, out: Int32Array | null, c: number): number {
  if (out) {
    for (let i = start; i < end; i++) if ((wantRole < 0 || role[i] === wantRole) && (wantPoc < -1 || poc[i] === wantPoc) && col[i] === col[i]) out[c++] = i;
    return c;
  }
  for (let i = start; i < end; i++) if ((wantRole < 0 || role[i] === wantRole) && (wantPoc < -1 || poc[i] === wantPoc) && col[i] === col[i]) c++;
  return c;
}

/** Sets of one role or race otherwise (marked or checked, or of an item): rare enough for one general loop. */
function scanWhere(column: ValidColumn, start: number, end: number, role: Uint8Array | null, wantRole: number, poc: Int8Array | null, wantPoc: number, out: Int32Array | null, c: number, bits: Uint8Array | null, op: number): number {
  const score = column.kind === 'score' ? column.col : null;
  const item = column.kind === 'item' ? column.col : null;
  for (let i = start; i < end; i++) {
    if (role && role[i] !== wantRole) continue;
    if (poc && poc[i] !== wantPoc) continue;
    if (score ? score[i] !== score[i] : item ? item[i] === 0 : false) continue;
    if (out) out[c++] = i;
    else if (!bits) c++;
    else if (op === 1) {
      if (bits[i] === 0) return -1;
    } else bits[i] = op - 2;
  }
  return c;
}
