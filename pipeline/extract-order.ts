// The last step of extract: each organization's rows put in a canonical order by content,
// then unpacked from the packed words (extract-columns.ts) into typed columns — a chunk's
// at a time, the chunks' columns then joined into the wave's.
// Rows with equal content are interchangeable in every computation, so this order is the
// same on any dialect and any physical row order, which keeps floating-point sums — and so
// results.json — byte-identical.
import { decodePerson, ITEMS, wordColumns } from './extract-columns.js';
import type { OrgRecord, WaveData } from './wave-data.js';

/** Rows as read: by slot, each organization's slots contiguous. */
export interface PackedRows {
  person: Int32Array;
  /** Whole years; −1 missing or out of range. */
  tenure: Int16Array;
  /** The packed item words (3 bits an answer), one array per word. */
  words: Int32Array[];
}

export type RespondentColumns = Pick<WaveData, 'org' | 'role' | 'tenure' | 'poc' | 'raceDeclined' | 'looking' | 'gender' | 'ageBand' | 'items'>;

/** Every organization's rows in canonical order, unpacked. */
export function canonicalColumns(packed: PackedRows, orgs: readonly OrgRecord[]): RespondentColumns {
  const unpacker = new Unpacker(packed);
  for (let o = 0; o < orgs.length; o++) unpacker.organization(o, orgs[o]);
  return unpacker.data;
}

/**
 * Columns of packed rows, filled one organization at a time (extract.ts unpacks each chunk
 * while the reader threads read the next ones). Within an organization, slot i takes packed
 * row order[i]; the columns are then filled one at a time (tight, monomorphic loops:
 * decoding row by row across some sixty columns cost several times more).
 */
export class Unpacker {
  readonly data: RespondentColumns;
  readonly #packed: PackedRows;
  readonly #itemColumns: Uint8Array[][];

  constructor(packed: PackedRows) {
    this.#packed = packed;
    this.data = allocate(packed.person.length);
    this.#itemColumns = wordColumns(this.data.items);
  }

  /** Organization `o`'s slots (start, respondents) put in canonical order and unpacked; its column `org` says o. */
  organization(o: number, { start: from, respondents }: Pick<OrgRecord, 'start' | 'respondents'>): void {
    const packed = this.#packed;
    const data = this.data;
    const to = from + respondents;
    data.org.fill(o, from, to);
    const order = canonicalOrder(packed, from, to);
    for (let k = 0; k < order.length; k++) {
      const i = from + k;
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
        for (let k = 0; k < order.length; k++) col[from + k] = (words[order[k]] >>> shift) & 7;
      }
    }
  }
}

/** Columns laid end to end, n slots in all (the first part itself when it is the only one). */
export function joinColumns(parts: readonly RespondentColumns[], n: number): RespondentColumns {
  if (parts.length === 1 && parts[0].org.length === n) return parts[0];
  const out = allocate(n);
  let at = 0;
  for (const part of parts) {
    out.org.set(part.org, at);
    out.role.set(part.role, at);
    out.tenure.set(part.tenure, at);
    out.poc.set(part.poc, at);
    out.raceDeclined.set(part.raceDeclined, at);
    out.looking.set(part.looking, at);
    out.gender.set(part.gender, at);
    out.ageBand.set(part.ageBand, at);
    for (const { item } of ITEMS) out.items[item].set(part.items[item], at);
    at += part.org.length;
  }
  if (at !== n) throw new Error(`Joined columns hold ${at} slots, not ${n}.`);
  return out;
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
