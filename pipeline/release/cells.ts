// The cell index of a release: every number a run publishes, with the set of respondents
// it rests on. A cell is one place in the outputs (an estimate's group, an organization
// summary's scale, a series point, a count); cells with the same key rest on the same
// respondents, so they form one view, withheld or published together.
import type { SuppressionRule } from '../disclose.js';
import { ListSet, type MemberSet } from './members.js';

export interface Cell {
  /** Stable path of the place in the outputs, e.g. `exploratory/E.bridge.br_1[organizing]` or `org/C01/satisfaction_score`. */
  id: string;
  /** The variable or measure the number summarises: only cells of one var can be subtracted from each other. */
  var: string;
  /** Canonical group key (keys.ts); equal keys mean equal respondents. */
  key: string;
  /** The output table the cell belongs to; the cells of one table are pairwise disjoint. */
  table: string;
  /** Sorted respondent indices with a valid value; null when the cell is known only by its count (or by `set`). */
  readonly members: Int32Array | null;
  /** The same respondents described (members.ts); the pass reads this when present. */
  set?: MemberSet;
  n: number;
  /** False when a rule before this pass already withheld it. */
  published: boolean;
  /** How the earlier rule withheld it (for disclosure.json). */
  preRule?: SuppressionRule;
  /** Numbers the place holds (mean, interval, n…): the unit of "share of values withheld". */
  values: number;
  /** A number the outputs always show (a study total): withheld only when nothing else will do. */
  fixed?: boolean;
  /**
   * Member of a contrast: an estimate (`whole`) that is the difference of two group means
   * (`part`s) published beside it — any two give back the third.
   */
  contrast?: { id: string; role: 'whole' | 'part' };
}

const NO_CONTRASTS: { id: string; role: 'whole' | 'part' }[] = Object.freeze([]) as unknown as { id: string; role: 'whole' | 'part' }[];

/** One group of respondents: the cells sharing a key. */
export class View {
  readonly key: string;
  readonly var: string;
  readonly n: number;
  /** Who they are; null when the group is known only by its count. */
  set: MemberSet | null = null;
  /** First and last member: respondents are contiguous by organization, so a cheap nesting filter. */
  first = -1;
  last = -1;
  // Made with their first element: an array grown from empty by push reserves room for 17,
  // and a large study has over a hundred thousand views of one cell each.
  tables: string[];
  cells: Cell[];
  published = false;
  fixed = false;
  /** Set by the pass when it withholds the view. */
  withheld?: Withholding = undefined;
  /** Contrasts the view belongs to (see Cell.contrast); shared and empty until one is added. */
  contrasts: { id: string; role: 'whole' | 'part' }[] = NO_CONTRASTS;
  /** `tables`, when given, lists only the cell's table (shared by the views of that table alone; copied before another is added). */
  constructor(first: Cell, tables: string[] = [first.table]) {
    this.key = first.key;
    this.var = first.var;
    this.n = first.n;
    this.tables = tables;
    this.cells = [first];
  }
  /** The set as described, kept while `set` is swapped for a listed copy (whileReadable). */
  described: MemberSet | null = null;
  describe(set: MemberSet | null): void {
    this.set = set;
    this.described = set;
    this.first = set ? set.first : -1;
    this.last = set ? set.last : -1;
  }
  /** The members as a list (made anew for a described set: for checks and tests, not the pass's loops). */
  get members(): Int32Array | null {
    return this.set ? this.set.list() : null;
  }
}

export interface Withholding {
  rule: SuppressionRule;
  reason: string;
  against?: string;
  /** Set by the linear-combination audit (span.ts): the cells whose sums and counts, combined, isolated fewer than k people. */
  combines?: string[];
}

/** A cell's members as a set, or null when it is known only by its count. */
export function setOf(c: Cell): MemberSet | null {
  if (c.set) return c.set;
  return c.members ? new ListSet(c.members) : null;
}

/** Groups cells by key into views; a view is published when any of its cells is. */
export function viewsOf(cells: readonly Cell[]): View[] {
  const byKey = new Map<string, View>();
  const oneTable = new Map<string, string[]>();
  for (const c of cells) {
    let v = byKey.get(c.key);
    if (!v) {
      let tables = oneTable.get(c.table);
      if (!tables) oneTable.set(c.table, (tables = [c.table]));
      v = new View(c, tables);
      v.describe(setOf(c));
      byKey.set(c.key, v);
    } else {
      if (!v.set) v.describe(setOf(c));
      v.cells.push(c);
      if (!v.tables.includes(c.table)) v.tables = [...v.tables, c.table];
    }
    if (c.published) v.published = true;
    if (c.fixed) v.fixed = true;
    if (c.contrast) v.contrasts = v.contrasts === NO_CONTRASTS ? [c.contrast] : [...v.contrasts, c.contrast];
  }
  return [...byKey.values()];
}

/** The size of the respondent index space the views' member sets live in. */
export function universeSize(views: readonly View[], respondents: number): number {
  let size = respondents;
  for (const v of views) if (v.last >= size) size = v.last + 1;
  return size;
}

/** The views with members, by the variable they are about (groups are compared within a variable). */
export function viewsByVar(views: readonly View[]): Map<string, View[]> {
  const byVar = new Map<string, View[]>();
  for (const v of views) {
    if (!v.set || v.n === 0) continue;
    const list = byVar.get(v.var);
    if (list) list.push(v);
    else byVar.set(v.var, [v]);
  }
  return byVar;
}
