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

const ANSWER_TABLE_REASON = (k: number) => `a band would hold fewer than k = ${k} people or show how every respondent answered, so it is shown only together with another`;

export interface ReleasedAnswers {
  table: AnswerTable;
  /** The 1–5 distribution, only when every cell of it and of the table is 0 or at least k and the answers differ. */
  counts: number[] | null;
  /** One entry when cells are withheld (for `disclosure.suppressed`); which cells, and why each, is not said. */
  rules: { cell: null; rule: 'primary'; reason: string }[];
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
  // Banding first: one or two who skipped the question are counted with "neither" rather
  // than withheld with a partner (which would take a whole band with them).
  const merged = raw.no_answer > 0 && raw.no_answer < k;
  if (merged) {
    raw.neutral += raw.no_answer;
    raw.no_answer = 0;
  }
  const hidden = new Set<AnswerCell>(ANSWER_CELLS.filter((c) => raw[c] > 0 && raw[c] < k));
  const nonzeroBands = BANDS.filter((b) => raw[b] > 0);
  if (hidden.size === 0 && nonzeroBands.length === 1) {
    // Everyone who answered is in one band: coarsen to two bands rather than say how each answered.
    hidden.add(nonzeroBands[0]);
    hidden.add(NEIGHBOUR[nonzeroBands[0]]);
  }
  const hiddenSum = () => [...hidden].reduce((s, c) => s + raw[c], 0);
  while (hidden.size > 0 && (hidden.size < 2 || hiddenSum() < k)) {
    const next = ANSWER_CELLS.filter((c) => !hidden.has(c)).sort((a, b) => (raw[a] === 0 ? Infinity : raw[a]) - (raw[b] === 0 ? Infinity : raw[b]))[0];
    if (!next) break;
    hidden.add(next);
  }
  // One reason and one rule for both causes: a table coarsened because everyone answered
  // alike must read exactly like one with a small cell, or the reason would say it.
  const withheld: Withheld | null = hidden.size > 0 ? { rule: 'primary', reason: ANSWER_TABLE_REASON(k) } : null;
  const rules: ReleasedAnswers['rules'] = hidden.size > 0 ? [{ cell: null, rule: 'primary', reason: ANSWER_TABLE_REASON(k) }] : [];
  const cells = Object.fromEntries(ANSWER_CELLS.map((c) => [c, hidden.has(c) || (merged && c === 'no_answer') ? null : raw[c]])) as Record<AnswerCell, number | null>;
  const fiveOk = !merged && hidden.size === 0 && counts.every((c) => c === 0 || c >= k) && counts.filter((c) => c > 0).length >= 2;
  return { table: { total, cells, withheld, ...(merged ? { no_answer_in: 'neutral' as const } : {}) }, counts: fiveOk ? [...counts] : null, rules };
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
  if (t && t.cells.no_answer !== null && !t.no_answer_in) return t.total - t.cells.no_answer;
  return null;
}
