// The cell index of a release: every number a run publishes, with the set of respondents
// it rests on. A cell is one place in the outputs (an estimate's group, an organization
// summary's scale, a series point, a count); cells with the same key rest on the same
// respondents, so they form one view, withheld or published together.
import type { SuppressionRule } from '../disclose.js';

export interface Cell {
  /** Stable path of the place in the outputs, e.g. `exploratory/E.bridge.br_1[organizing]` or `org/C01/satisfaction_score`. */
  id: string;
  /** The variable or measure the number summarises: only cells of one var can be subtracted from each other. */
  var: string;
  /** Canonical group key (keys.ts); equal keys mean equal respondents. */
  key: string;
  /** The output table the cell belongs to; the cells of one table are pairwise disjoint. */
  table: string;
  /** Sorted respondent indices with a valid value; null when the cell is known only by its count. */
  members: Int32Array | null;
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

/** One group of respondents: the cells sharing a key. */
export interface View {
  key: string;
  var: string;
  members: Int32Array | null;
  n: number;
  tables: string[];
  cells: Cell[];
  published: boolean;
  fixed: boolean;
  /** Set by the pass when it withholds the view. */
  withheld?: Withholding;
  /** Contrasts the view belongs to (see Cell.contrast). */
  contrasts: { id: string; role: 'whole' | 'part' }[];
  /** First and last member: respondents are contiguous by organization, so a cheap nesting filter. */
  first: number;
  last: number;
}

export interface Withholding {
  rule: SuppressionRule;
  reason: string;
  against?: string;
  /** Set by the linear-combination audit (span.ts): the cells whose sums and counts, combined, isolated fewer than k people. */
  combines?: string[];
}

/** Groups cells by key into views; a view is published when any of its cells is. */
export function viewsOf(cells: readonly Cell[]): View[] {
  const byKey = new Map<string, View>();
  for (const c of cells) {
    let v = byKey.get(c.key);
    if (!v) {
      const m = c.members;
      v = { key: c.key, var: c.var, members: m, n: c.n, tables: [], cells: [], published: false, fixed: false, contrasts: [], first: m && m.length ? m[0] : -1, last: m && m.length ? m[m.length - 1] : -1 };
      byKey.set(c.key, v);
    }
    if (!v.members && c.members) {
      v.members = c.members;
      v.first = c.members.length ? c.members[0] : -1;
      v.last = c.members.length ? c.members[c.members.length - 1] : -1;
    }
    v.cells.push(c);
    if (!v.tables.includes(c.table)) v.tables.push(c.table);
    if (c.published) v.published = true;
    if (c.fixed) v.fixed = true;
    if (c.contrast) v.contrasts.push(c.contrast);
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
    if (!v.members || v.n === 0) continue;
    const list = byVar.get(v.var);
    if (list) list.push(v);
    else byVar.set(v.var, [v]);
  }
  return byVar;
}
