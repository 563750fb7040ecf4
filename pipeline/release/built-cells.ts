// The two kinds of cell the cell index (build.ts) is made of, each one shape: a cell whose
// members are described (members.ts) and one another module listed or that is known only
// by its count. Each knows how to withhold itself in the results; a large study has a few
// hundred thousand of them, so an organization's cells share their id's head and make
// their withholding function when it is needed rather than hold a closure each.
import type { SuppressionRule } from '../disclose.js';
import type { Apply } from './apply.js';
import type { Cell } from './cells.js';
import type { Dims } from './keys.js';
import type { ColumnSet } from './members.js';

/**
 * A cell whose members are described (members.ts), listed only when asked for
 * (`members`, for checks and tests); the pass reads `set`.
 */
export class DescribedCell implements Cell {
  /** The id is `head` + `tail`, joined when asked for: an organization's cells share its head. */
  head: string;
  tail: string;
  var: string;
  key: string;
  table: string;
  set: ColumnSet;
  n: number;
  published: boolean;
  values: number;
  preRule?: SuppressionRule;
  fixed?: boolean;
  contrast?: { id: string; role: 'whole' | 'part' };
  /** How to withhold it: `how`, or else made when needed by `make` from the organization's code and `tail`. */
  private how: Apply | null;
  private make: Make | null;
  private code: string;
  constructor(c: Described, key: string, how: Apply | null, make: Make | null = null, code = '') {
    this.head = c.id;
    this.tail = c.tail ?? '';
    this.how = how;
    this.make = make;
    this.code = code;
    this.var = c.var;
    this.key = key;
    this.table = c.table;
    this.set = c.set;
    this.n = c.n;
    this.published = c.published;
    this.values = c.values;
    if (c.fixed) this.fixed = true;
    if (c.contrast) this.contrast = c.contrast;
  }
  get id(): string {
    return this.tail === '' ? this.head : this.head + this.tail;
  }
  apply(): Apply {
    return this.how ?? this.make!(this.code, this.tail);
  }
  get members(): Int32Array {
    return this.set.list();
  }
}

/** A cell whose members another module listed (or that is known only by its count); one shape for all of them. */
export class ListedCell implements Cell {
  id: string;
  var: string;
  key: string;
  table: string;
  members: Int32Array | null;
  n: number;
  published: boolean;
  values: number;
  preRule?: SuppressionRule;
  fixed?: boolean;
  contrast?: { id: string; role: 'whole' | 'part' };
  private how: Apply;
  constructor(c: Omit<Cell, 'key'>, key: string, how: Apply) {
    this.how = how;
    this.id = c.id;
    this.var = c.var;
    this.key = key;
    this.table = c.table;
    this.members = c.members;
    this.n = c.n;
    this.published = c.published;
    this.values = c.values;
    if (c.preRule) this.preRule = c.preRule;
    if (c.fixed) this.fixed = true;
    if (c.contrast) this.contrast = c.contrast;
  }
  apply(): Apply {
    return this.how;
  }
}

/** Makes how to withhold an organization's cell, from its code and the cell's name (one function for all organizations, no closure per cell). */
export type Make = (code: string, name: string) => Apply;

export interface Described {
  id: string;
  /** Appended to `id` when the id is asked for. */
  tail?: string;
  var: string;
  table: string;
  set: ColumnSet;
  n: number;
  published: boolean;
  values: number;
  fixed?: boolean;
  contrast?: { id: string; role: 'whole' | 'part' };
  dims: Dims;
}
