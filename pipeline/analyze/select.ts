// Respondent selections shared by the analyses, over the scored wave's typed columns, and
// gathering selected values into Float64Array columns for the statistics layer — at a
// million respondents, per-respondent arrays or objects cost more in garbage collection
// than the statistics themselves.
import type { OrgAggregate, ScoredWave } from '../aggregate.js';

export const ORGANIZER = 1; // 1 + index of 'organizer' in ROLES

/**
 * Buffers of one slot per respondent, kept with the scored wave, for columns an analysis
 * reads and lets go (a selection before its kept part is copied out; values gathered for a
 * statistic that returns only numbers). A fresh million-slot array per such use was most of
 * the analyses' garbage, and each few hundred megabytes of it cost a full garbage collection.
 */
export interface Scratch {
  /** Float64 buffer number `slot`: its contents last until the next use of the same slot. */
  f64(slot: number): Float64Array;
  /** Int32 buffer number `slot`, likewise. */
  i32(slot: number): Int32Array;
}

const scratches = new WeakMap<ScoredWave, Scratch>();

export function scratch(sw: ScoredWave): Scratch {
  let s = scratches.get(sw);
  if (!s) {
    const f64: Float64Array[] = [];
    const i32: Int32Array[] = [];
    const n = sw.data.n;
    s = { f64: (slot) => (f64[slot] ??= new Float64Array(n)), i32: (slot) => (i32[slot] ??= new Int32Array(n)) };
    scratches.set(sw, s);
  }
  return s;
}

/** Lets the wave's scratch buffers go (a stage done with them); a later use allocates afresh. */
export function releaseScratch(sw: ScoredWave): void {
  scratches.delete(sw);
}

/** The Int32 slot selections fill before copying out what they kept. */
const SELECTION_SLOT = 0;

/** Respondent indices in extraction order. An Int32Array, not number[]: pushing a million numbers costs tens of times more. */
export type Selection = Int32Array;

/** Which respondents a selection keeps, as conditions on the scored wave's columns. */
export interface Who {
  /** Only this role (1 + index into ROLES), e.g. ORGANIZER. */
  role?: number;
  /** Only people of color (1), only white respondents (0), or either with a race answer ('known'). */
  poc?: 0 | 1 | 'known';
  /** Only respondents who gave their tenure. */
  tenure?: boolean;
  /** Only respondents who answered `looking`. */
  looking?: boolean;
  /** Per-respondent values (NaN = none) each kept respondent has. */
  scored?: readonly Float64Array[];
  /** Items (0 = unanswered) each kept respondent answered. */
  answered?: readonly Uint8Array[];
}

/**
 * Indices of the respondents `who` describes, in extraction order — only in organizations
 * with at least k respondents. Why: respondents.csv cannot carry an organization under k, so
 * if pooled estimates counted its staff, comparing the two releases would reveal something
 * about fewer than k people. Every estimate therefore rests on the same people as the export.
 */
export function select(sw: ScoredWave, who: Who, options?: SelectOptions): Selection {
  return selectInOrgs(sw, (o) => o.rec.respondents >= sw.k, who, options);
}

export interface SelectOptions {
  /**
   * A view of the wave's selection buffer rather than a copy, valid until the next selection:
   * for a caller that reads it at once (a million-slot copy per selection is garbage to collect).
   */
  transient?: boolean;
}

/**
 * As `select`, visiting only organizations passing `keepOrg`: respondents are contiguous by
 * organization (wave-data.ts), so a per-organization condition (its type) skips whole runs.
 * The conditions are data, not a callback per respondent: one loop serves every selection,
 * where a callback called a million times per selection cost more than the analyses.
 */
export function selectInOrgs(sw: ScoredWave, keepOrg: (o: OrgAggregate) => boolean, who: Who, options: SelectOptions = {}): Selection {
  const { role, poc, tenure, looking } = sw.data;
  const wantRole = who.role ?? -1;
  const pocMin = who.poc === undefined ? -1 : who.poc === 'known' ? 0 : who.poc;
  const pocMax = who.poc === undefined || who.poc === 'known' ? 1 : who.poc;
  const wantTenure = who.tenure === true;
  const wantLooking = who.looking === true;
  const out = scratch(sw).i32(SELECTION_SLOT);
  // One pass for the organizations and who people are, then one tight pass per column that
  // must hold a value over the indices kept so far.
  const demographic = wantRole >= 0 || pocMin >= 0 || pocMax < 1 || wantTenure || wantLooking;
  let c = 0;
  for (const o of sw.orgs) {
    if (!keepOrg(o)) continue;
    const end = o.rec.start + o.rec.respondents;
    if (!demographic) {
      for (let i = o.rec.start; i < end; i++) out[c++] = i;
      continue;
    }
    for (let i = o.rec.start; i < end; i++) {
      if (wantRole >= 0 && role[i] !== wantRole) continue;
      if (poc[i] < pocMin || poc[i] > pocMax) continue;
      if ((wantTenure && tenure[i] < 0) || (wantLooking && looking[i] < 0)) continue;
      out[c++] = i;
    }
  }
  for (const col of who.scored ?? []) c = keepScored(out, c, col);
  for (const col of who.answered ?? []) c = keepAnswered(out, c, col);
  return options.transient ? out.subarray(0, c) : out.slice(0, c);
}

/** Keeps the first c indices whose value in col is not NaN, in order; returns how many. */
function keepScored(out: Int32Array, c: number, col: Float64Array): number {
  let m = 0;
  for (let t = 0; t < c; t++) {
    const i = out[t];
    if (!Number.isNaN(col[i])) out[m++] = i;
  }
  return m;
}

/** Keeps the first c indices whose item in col is answered (non-zero), in order; returns how many. */
function keepAnswered(out: Int32Array, c: number, col: Uint8Array): number {
  let m = 0;
  for (let t = 0; t < c; t++) {
    const i = out[t];
    if (col[i] !== 0) out[m++] = i;
  }
  return m;
}

/**
 * col[i] for each selected i, as a column: a new array, or a view of `into` (a scratch
 * buffer) when the caller only reads it before the slot's next use.
 */
export function gather(col: Float64Array | Uint8Array | Int8Array | Int16Array, idx: Selection, into?: Float64Array): Float64Array {
  const out = into ? into.subarray(0, idx.length) : new Float64Array(idx.length);
  // One loop per element type: a single loop fed four array types goes megamorphic and
  // reads each element several times slower.
  if (col instanceof Float64Array) gatherF64(col, idx, out);
  else if (col instanceof Uint8Array) gatherU8(col, idx, out);
  else if (col instanceof Int8Array) gatherI8(col, idx, out);
  else gatherI16(col, idx, out);
  return out;
}

function gatherF64(col: Float64Array, idx: Selection, out: Float64Array): void {
  for (let t = 0; t < idx.length; t++) out[t] = col[idx[t]];
}

function gatherU8(col: Uint8Array, idx: Selection, out: Float64Array): void {
  for (let t = 0; t < idx.length; t++) out[t] = col[idx[t]];
}

function gatherI8(col: Int8Array, idx: Selection, out: Float64Array): void {
  for (let t = 0; t < idx.length; t++) out[t] = col[idx[t]];
}

function gatherI16(col: Int16Array, idx: Selection, out: Float64Array): void {
  for (let t = 0; t < idx.length; t++) out[t] = col[idx[t]];
}

/** Organization (cluster) of each selected respondent; a view of `into` as in `gather`. */
export function gatherOrgs(sw: ScoredWave, idx: Selection, into?: Int32Array): Int32Array {
  const out = into ? into.subarray(0, idx.length) : new Int32Array(idx.length);
  for (let t = 0; t < idx.length; t++) out[t] = sw.data.org[idx[t]];
  return out;
}

/**
 * How many selected respondents have `value` in `col`: a counting loop, where a typed
 * array's filter with a callback builds a new array of hundreds of thousands only to be counted.
 */
export function countWhere(col: Int8Array, idx: Selection, value: number): number {
  let c = 0;
  for (let t = 0; t < idx.length; t++) if (col[idx[t]] === value) c++;
  return c;
}

/** The selected respondents with `value` in `col`, in order: a plain loop rather than filter's callback per element. */
export function keepWhere(col: Int8Array, idx: Selection, value: number): Selection {
  const out = new Int32Array(countWhere(col, idx, value));
  for (let t = 0, m = 0; t < idx.length; t++) if (col[idx[t]] === value) out[m++] = idx[t];
  return out;
}

export function ones(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}

