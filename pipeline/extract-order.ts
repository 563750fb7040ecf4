// The last step of extract: each organization's rows put in a canonical order by content,
// then unpacked from the packed words (extract-columns.ts) into the wave's typed columns,
// organization after organization as the chunks come.
// Rows with equal content are interchangeable in every computation, so this order is the
// same on any dialect and any physical row order, which keeps floating-point sums — and so
// results.json — byte-identical.
import { decodePerson, ITEM_WORDS, ITEMS, wordColumns } from './extract-columns.js';
import type { OrgRecord, WaveData } from './wave-data.js';

/** Rows as read: by slot, each organization's slots contiguous. */
export interface PackedRows {
  person: Int32Array;
  /** Whole years; −1 missing or out of range. */
  tenure: Int16Array;
  /** The packed item words (3 bits an answer), one array per word. */
  words: Int32Array[];
}

/** Room for `size` packed rows. */
export function packedRows(size: number): PackedRows {
  return { person: new Int32Array(size), tenure: new Int16Array(size), words: Array.from({ length: ITEM_WORDS }, () => new Int32Array(size)) };
}

export type RespondentColumns = Pick<WaveData, 'org' | 'role' | 'tenure' | 'poc' | 'raceDeclined' | 'looking' | 'gender' | 'ageBand' | 'items'>;

/** Every organization's rows in canonical order, unpacked. */
export function canonicalColumns(packed: PackedRows, orgs: readonly OrgRecord[]): RespondentColumns {
  const n = packed.person.length;
  const unpacker = new Unpacker(n);
  for (let o = 0; o < orgs.length; o++) unpacker.organization(o, packed, orgs[o].start, orgs[o].respondents);
  return unpacker.finish();
}

/**
 * The wave's columns, filled one organization at a time, each appended after the last
 * (extract.ts unpacks each chunk while the reader threads read the next ones). The wave's
 * size is known only once all is read: the columns start at a capacity, grow when a chunk
 * does not fit, and finish() gives the slots filled. Within an organization, slot
 * i takes packed row order[i]; the columns are then filled one at a time (tight,
 * monomorphic loops: decoding row by row across some sixty columns cost several times more).
 */
export class Unpacker {
  #data: RespondentColumns;
  #itemColumns: Uint8Array[][];
  #capacity: number;
  #length = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#data = allocate(capacity);
    this.#itemColumns = wordColumns(this.#data.items);
  }

  /** Slots filled so far. */
  get length(): number {
    return this.#length;
  }

  /** Room for `more` slots after the filled ones, growing to `hint` or by a quarter when short. */
  reserve(more: number, hint = 0): void {
    const need = this.#length + more;
    if (need <= this.#capacity) return;
    const capacity = Math.max(need, hint, Math.ceil(this.#capacity * 1.25));
    const next = allocate(capacity);
    const filled = <T extends Uint8Array | Int8Array | Int16Array | Int32Array>(col: T) => col.subarray(0, this.#length) as T;
    const old = this.#data;
    next.org.set(filled(old.org));
    next.role.set(filled(old.role));
    next.tenure.set(filled(old.tenure));
    next.poc.set(filled(old.poc));
    next.raceDeclined.set(filled(old.raceDeclined));
    next.looking.set(filled(old.looking));
    next.gender.set(filled(old.gender));
    next.ageBand.set(filled(old.ageBand));
    for (const { item } of ITEMS) next.items[item].set(filled(old.items[item]));
    this.#data = next;
    this.#itemColumns = wordColumns(next.items);
    this.#capacity = capacity;
  }

  /** Organization `o`'s packed rows from..from+count, in canonical order, appended; its column `org` says o. */
  organization(o: number, packed: PackedRows, from: number, count: number): void {
    this.reserve(count);
    const data = this.#data;
    const at = this.#length;
    data.org.fill(o, at, at + count);
    const order = canonicalOrder(packed, from, from + count);
    for (let k = 0; k < order.length; k++) {
      const i = at + k;
      const src = order[k];
      const p = decodePerson(packed.person[src]);
      data.role[i] = p.role;
      data.poc[i] = p.poc;
      data.raceDeclined[i] = p.declined;
      data.looking[i] = p.looking;
      data.gender[i] = p.gender;
      data.ageBand[i] = p.ageBand;
      data.tenure[i] = packed.tenure[src];
    }
    for (let w = 0; w < packed.words.length; w++) {
      const words = packed.words[w];
      const cols = this.#itemColumns[w];
      for (let j = 0; j < cols.length; j++) {
        const col = cols[j];
        const shift = 3 * j;
        for (let k = 0; k < order.length; k++) col[at + k] = (words[order[k]] >>> shift) & 7;
      }
    }
    this.#length = at + count;
  }

  /**
   * The columns of the slots filled: the columns themselves when full, else copies. (Views
   * of the longer columns spare the copy, but in interleaved runs at a million responses
   * the analyses then took about a tenth longer, most of it in garbage collection.)
   */
  finish(): RespondentColumns {
    const d = this.#data;
    const n = this.#length;
    if (n === this.#capacity) return d;
    const items: Record<string, Uint8Array> = {};
    for (const { item } of ITEMS) items[item] = d.items[item].slice(0, n);
    return {
      org: d.org.slice(0, n),
      role: d.role.slice(0, n),
      tenure: d.tenure.slice(0, n),
      poc: d.poc.slice(0, n),
      raceDeclined: d.raceDeclined.slice(0, n),
      looking: d.looking.slice(0, n),
      gender: d.gender.slice(0, n),
      ageBand: d.ageBand.slice(0, n),
      items,
    };
  }
}

function allocate(n: number): RespondentColumns {
  const items: Record<string, Uint8Array> = {};
  for (const { item } of ITEMS) items[item] = new Uint8Array(n);
  return {
    org: new Int32Array(n),
    role: new Uint8Array(n),
    tenure: new Int16Array(n),
    poc: new Int8Array(n),
    raceDeclined: new Uint8Array(n),
    looking: new Int8Array(n),
    gender: new Uint8Array(n),
    ageBand: new Uint8Array(n),
    items,
  };
}

/**
 * Slots from..to sorted by their whole content.
 * Fast path: a native numeric sort of (first word, position) packed into one double, then
 * only runs sharing a first word go through the full comparison.
 */
function canonicalOrder(packed: PackedRows, from: number, to: number): number[] {
  const words = packed.words;
  const compare = (a: number, b: number) => {
    for (const w of words) if (w[a] !== w[b]) return w[a] - w[b];
    return packed.person[a] - packed.person[b] || packed.tenure[a] - packed.tenure[b];
  };
  const m = to - from;
  if (m >= POSITION_SPAN) return Array.from({ length: m }, (_, j) => from + j).sort(compare);
  const first = words[0];
  // Packed words are 30-bit non-negative integers: word · 2^22 + position < 2^52, exact.
  const keys = new Float64Array(m);
  for (let j = 0; j < m; j++) keys[j] = first[from + j] * POSITION_SPAN + j;
  keys.sort();
  const idx = new Array<number>(m);
  for (let j = 0; j < m; j++) idx[j] = from + (keys[j] % POSITION_SPAN);
  for (let a = 0; a < m; ) {
    let b = a + 1;
    while (b < m && first[idx[b]] === first[idx[a]]) b++;
    if (b - a > 1) {
      const run = idx.slice(a, b).sort(compare);
      for (let j = a; j < b; j++) idx[j] = run[j - a];
    }
    a = b;
  }
  return idx;
}

const POSITION_SPAN = 2 ** 22;
