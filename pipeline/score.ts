// Scoring, pure: reverse coding, scale scores under the two-thirds rule, derived `poc` and
// the orientation index. One rule set serves the pipeline's columnar arrays and single
// records (exports reuse `scoreResponse` / `scoreResponses` for respondents.csv).
import { derivePoc, REVERSE_CODED, SCALES, type Scale, type ScaleId } from '../instrument/codebook.js';

/** Scales that are scored (the three bridge questions are separate items, not a scale). */
export const SCORED_SCALES: readonly Scale[] = SCALES.filter((s) => s.isScale);

/** An item's answer as scored: reverse-coded when the codebook says so; null when unanswered or out of range. */
export function scoredItem(scale: Scale, item: string, raw: unknown): number | null {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < scale.min || raw > scale.max) return null;
  return REVERSE_CODED.has(item) ? scale.min + scale.max - raw : raw;
}

/**
 * The two-thirds rule: a scale score exists only when at least two thirds of its items are
 * answered (3 of 4, 2 of 3, 2 of 2). Integer arithmetic, so no rounding can move the line.
 */
export function enoughItems(answered: number, items: number): boolean {
  return answered > 0 && answered * 3 >= items * 2;
}

/** Mean of the answered items of one scale, or null under the two-thirds rule. */
export function scaleScore(scale: Scale, record: Readonly<Record<string, unknown>>): number | null {
  let sum = 0;
  let answered = 0;
  for (const item of scale.items) {
    const v = scoredItem(scale, item, record[item]);
    if (v === null) continue;
    sum += v;
    answered += 1;
  }
  return enoughItems(answered, scale.items.length) ? sum / answered : null;
}

export interface ScoredResponse {
  /** Scale scores keyed by the codebook's score name (e.g. satisfaction_score). */
  scores: Record<string, number | null>;
  poc: 0 | 1 | null;
  /** organizing_score − mobilizing_score; null unless both exist. */
  orientation_index: number | null;
}

/** Scores one response record (any object with the codebook's column names). */
export function scoreResponse(record: Readonly<Record<string, unknown>>): ScoredResponse {
  const scores: Record<string, number | null> = {};
  for (const scale of SCORED_SCALES) scores[scale.scoreName] = scaleScore(scale, record);
  const org = scores.organizing_score;
  const mob = scores.mobilizing_score;
  return {
    scores,
    poc: derivePoc(record),
    orientation_index: org != null && mob != null ? org - mob : null,
  };
}

/** Scores many records; the input is not changed. */
export function scoreResponses(records: readonly Readonly<Record<string, unknown>>[]): ScoredResponse[] {
  return records.map(scoreResponse);
}

/** Adds one item's answers (reverse-coded as flip − v when flip is not 0) to the respondents' sums and counts. */
function addItem(col: Uint8Array, flip: number, sums: Float64Array, answered: Uint8Array): void {
  for (let i = 0; i < sums.length; i++) {
    const v = col[i];
    if (v === 0) continue;
    sums[i] += flip !== 0 ? flip - v : v;
    answered[i] += 1;
  }
}

/**
 * Scores of a scale of up to four items (c0..c3, 0 = unanswered; f0..f3 the reverse-coding
 * flip or 0): each respondent's sum adds its answered items in order, as scaleScore does.
 */
function scoreFour(c0: Uint8Array, c1: Uint8Array, c2: Uint8Array, c3: Uint8Array, f0: number, f1: number, f2: number, f3: number, k: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    let answered = 0;
    const v0 = c0[i];
    if (v0 !== 0) {
      sum += f0 !== 0 ? f0 - v0 : v0;
      answered += 1;
    }
    const v1 = c1[i];
    if (v1 !== 0) {
      sum += f1 !== 0 ? f1 - v1 : v1;
      answered += 1;
    }
    const v2 = c2[i];
    if (v2 !== 0) {
      sum += f2 !== 0 ? f2 - v2 : v2;
      answered += 1;
    }
    const v3 = c3[i];
    if (v3 !== 0) {
      sum += f3 !== 0 ? f3 - v3 : v3;
      answered += 1;
    }
    out[i] = enoughItems(answered, k) ? sum / answered : NaN;
  }
}

/** Columnar item answers as extracted: 0 means unanswered, otherwise the raw answer. */
export type ItemColumns = Readonly<Record<string, Uint8Array>>;

/** Scale scores of n respondents in one Float64Array per scale (NaN = no score; never leaves the pipeline). */
export type ScoreColumns = Record<ScaleId, Float64Array>;

/**
 * The columnar form of `scaleScore` for whole waves: the same rule, no per-row objects, so
 * a million responses score in milliseconds.
 */
export function scoreColumns(items: ItemColumns, n: number): { scores: Partial<ScoreColumns>; index: Float64Array } {
  const scores: Partial<ScoreColumns> = {};
  let none: Uint8Array | undefined;
  for (const scale of SCORED_SCALES) {
    const flip = scale.min + scale.max;
    const out = new Float64Array(n);
    const k = scale.items.length;
    if (k <= 4) {
      // Up to four items: one pass reading each item's column once, a missing fourth item
      // an all-unanswered column, so every scale runs the same (soon optimized) loop.
      none ??= new Uint8Array(n);
      const cols = [0, 1, 2, 3].map((j) => (j < k ? items[scale.items[j]] : none!));
      const flips = [0, 1, 2, 3].map((j) => (j < k && REVERSE_CODED.has(scale.items[j]) ? flip : 0));
      scoreFour(cols[0], cols[1], cols[2], cols[3], flips[0], flips[1], flips[2], flips[3], k, out);
    } else {
      // Item by item over all respondents (each respondent's sum still adds its items in
      // order), then one pass for the rule.
      const sums = new Float64Array(n);
      const answered = new Uint8Array(n);
      for (const item of scale.items) addItem(items[item], REVERSE_CODED.has(item) ? flip : 0, sums, answered);
      for (let i = 0; i < n; i++) out[i] = enoughItems(answered[i], k) ? sums[i] / answered[i] : NaN;
    }
    scores[scale.id] = out;
  }
  const index = new Float64Array(n);
  const org = scores.org!;
  const mob = scores.mob!;
  for (let i = 0; i < n; i++) index[i] = org[i] - mob[i];
  return { scores, index };
}
