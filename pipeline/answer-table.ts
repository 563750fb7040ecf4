// An organization's answer table for one question, as released: answers 1–5 in three bands
// plus those who skipped the item, so the cells add up to the organization's respondents
// (the "N of your staff answered" figure) and no gap between them gives a count back.
// A cell of 1..k−1 is withheld; partners are withheld, smallest first, until the withheld
// cells hold at least k people together. A table whose answers all fall in one band would
// say how every one of them answered: it is coarsened — that band and a neighbour are
// withheld, so the reader learns only that everyone is in one of two bands.
import type { AnswerCell, AnswerTable, Withheld } from './results.js';

export const ANSWER_CELLS: readonly AnswerCell[] = ['disagree', 'neutral', 'agree', 'no_answer'];
const BANDS: readonly AnswerCell[] = ['disagree', 'neutral', 'agree'];
const NEIGHBOUR: Record<AnswerCell, AnswerCell> = { disagree: 'neutral', neutral: 'agree', agree: 'neutral', no_answer: 'agree' };

export interface ReleasedAnswers {
  table: AnswerTable;
  /** The 1–5 distribution, only when every cell of it and of the table is 0 or at least k and the answers differ. */
  counts: number[] | null;
}

/** `counts`: answers 1–5; `total`: the organization's respondents (at least k). */
export function releaseAnswerTable(counts: readonly number[], total: number, k: number): ReleasedAnswers {
  const answered = counts.reduce((s, c) => s + c, 0);
  const raw: Record<AnswerCell, number> = {
    disagree: counts[0] + counts[1],
    neutral: counts[2],
    agree: counts[3] + counts[4],
    no_answer: total - answered,
  };
  const hidden = new Set<AnswerCell>(ANSWER_CELLS.filter((c) => raw[c] > 0 && raw[c] < k));
  let withheld: Withheld | null = hidden.size > 0 ? { rule: 'primary', reason: `a cell would hold fewer than k = ${k} people; a second cell is withheld with it so the total does not give it back` } : null;
  const nonzeroBands = BANDS.filter((b) => raw[b] > 0);
  if (hidden.size === 0 && nonzeroBands.length === 1) {
    // Everyone who answered is in one band: coarsen to two bands rather than say how each answered.
    hidden.add(nonzeroBands[0]);
    hidden.add(NEIGHBOUR[nonzeroBands[0]]);
    withheld = { rule: 'primary', reason: 'the answers would show how every respondent answered: two bands are shown only together' };
  }
  const hiddenSum = () => [...hidden].reduce((s, c) => s + raw[c], 0);
  while (hidden.size > 0 && (hidden.size < 2 || hiddenSum() < k)) {
    const next = ANSWER_CELLS.filter((c) => !hidden.has(c)).sort((a, b) => (raw[a] === 0 ? Infinity : raw[a]) - (raw[b] === 0 ? Infinity : raw[b]))[0];
    if (!next) break;
    hidden.add(next);
  }
  const cells = Object.fromEntries(ANSWER_CELLS.map((c) => [c, hidden.has(c) ? null : raw[c]])) as Record<AnswerCell, number | null>;
  const fiveOk = hidden.size === 0 && counts.every((c) => c === 0 || c >= k) && counts.filter((c) => c > 0).length >= 2;
  return { table: { total, cells, withheld }, counts: fiveOk ? [...counts] : null };
}

/** A mean at either end of its scale says every answer was that end: not released. */
export function revealsEveryAnswer(mean: number | null, min: number, max: number): boolean {
  if (mean === null) return false;
  return Math.abs(mean - min) < 1e-9 || Math.abs(mean - max) < 1e-9;
}

/**
 * How many answered the item, as far as the released figures tell: the 1–5 counts, or the
 * respondents minus a shown "no answer" cell. Null when nothing released gives it.
 */
export function releasedAnswered(entry: { counts: number[] | null; table?: AnswerTable | null } | undefined): number | null {
  if (!entry) return null;
  if (entry.counts) return entry.counts.reduce((s, c) => s + c, 0);
  const t = entry.table;
  if (t && t.cells.no_answer !== null) return t.total - t.cells.no_answer;
  return null;
}
