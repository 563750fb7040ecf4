// The reports' own disclosure guard, applied on top of the pipeline's: anything resting on
// fewer than k respondents is dropped here too, so a slip upstream cannot reach a reader.
import type { AnswerCell, AnswerTable, Estimate, GroupSummary, Omission, OrganizationSummary, Results, SurvivalCurve } from '../pipeline/results.js';

/** True when a group of n respondents may be shown. */
export function showable(n: number | null | undefined, k: number): n is number {
  return typeof n === 'number' && n >= k;
}

export function groupVisible(g: GroupSummary, k: number): boolean {
  return !g.suppressed && g.mean !== null && showable(g.n, k);
}

/** A curve drawn only over the times when at least k people were still at risk; its events shown only when at least k. */
export function visibleCurve(c: SurvivalCurve, k: number): SurvivalCurve | null {
  if (c.suppressed || !showable(c.n, k)) return null;
  // The pipeline truncates the curve; a curve that ever dips under k is cut where it does.
  const cut = c.points.findIndex((p) => p.at_risk < k);
  const points = cut < 0 ? c.points : c.points.slice(0, cut);
  return points.length === 0 ? null : { ...c, events: showable(c.events, k) ? c.events : null, points };
}

export const ANSWER_CELLS: readonly AnswerCell[] = ['disagree', 'neutral', 'agree', 'no_answer'];

/**
 * An organization's answer table fit to print: its cells add up to the respondents, and
 * each is 0, at least k, or withheld (null). A table with a shown cell of 1..k−1, or shown
 * cells that do not add up with the withheld ones, is not shown at all.
 */
export function answerTableView(t: AnswerTable | null | undefined, k: number): AnswerTable | null {
  if (!t || !showable(t.total, k)) return null;
  // Skips counted with "neither" leave the no-answer cell empty, not withheld.
  const values = ANSWER_CELLS.map((c) => (c === 'no_answer' && t.no_answer_in ? 0 : t.cells[c]));
  if (values.some((v) => v !== null && v > 0 && v < k)) return null;
  const shown = values.reduce<number>((s, v) => s + (v ?? 0), 0);
  const hidden = values.filter((v) => v === null).length;
  if (hidden === 0 ? shown !== t.total : hidden < 2 || t.total - shown < k) return null;
  return t;
}

/** Why an estimate has no value, in words, without a count under k. */
export function withheldText(e: Pick<Estimate, 'withheld' | 'note' | 'suppressed'>, k: number): string {
  if (e.withheld) {
    const rule = { primary: 'a group under k', complementary: 'complementary suppression', differencing: 'differencing', 'k-anonymity': 'k-anonymity', not_estimable: 'not estimable' }[e.withheld.rule];
    return `${rule}: ${safeNote(e.withheld.reason, k)}`;
  }
  return e.note ? safeNote(e.note, k) : `fewer than ${k} respondents`;
}

export function reportableOrgs(results: Results): OrganizationSummary[] {
  const k = results.study.k;
  return results.organizations.filter((o) => o.reportable && showable(o.respondents, k));
}

export type Band = 'disagree' | 'neutral' | 'agree';
export const BANDS: readonly Band[] = ['disagree', 'neutral', 'agree'];

/**
 * Answers 1–5 collapsed to three bands, each count shown only when it is 0 or at least k.
 * When one band is hidden a second is hidden too, or the total would give it away.
 */
export function bridgeBands(counts: number[] | null, k: number): Record<Band, number | null> | null {
  if (!counts || counts.length !== 5) return null;
  const raw: Record<Band, number> = {
    disagree: counts[0] + counts[1],
    neutral: counts[2],
    agree: counts[3] + counts[4],
  };
  const total = raw.disagree + raw.neutral + raw.agree;
  if (total < k) return null;
  const out: Record<Band, number | null> = { ...raw };
  const hidden = BANDS.filter((b) => raw[b] > 0 && raw[b] < k);
  for (const b of hidden) out[b] = null;
  if (hidden.length === 1) {
    // Complementary suppression: hide the smallest other band (a zero band gives nothing away
    // on its own, but the total would, so it is hidden too when it is the only other choice).
    const others = BANDS.filter((b) => b !== hidden[0]).sort((a, b) => raw[a] - raw[b]);
    out[others[0]] = null;
  }
  return out;
}

/**
 * A note or reason from the pipeline without the size of a group under k: "group under k
 * (4 < 5)" and "a group has 4 respondent(s)" would each name the 4.
 */
export function safeReason(reason: string, k?: number): string {
  const stripped = reason.replace(/\s*\([^)]*\d+\s*<\s*\d+[^)]*\)/g, '').replace(/\b\d+\s*<\s*(\d+)/g, 'under $1');
  if (k === undefined) return stripped;
  const words = stripped.replace(/(?<!under )\b(\d+)(\s+(?:respondents?|people|persons?|organizers?|staff|members?|answers?)(?:\(s\))?)/gi, (m, n: string, rest: string) =>
    Number(n) < k && Number(n) > 0 ? `fewer than k${rest.replace('(s)', 's')}` : m,
  );
  // Any other small whole number ("3 declined", "headcount 2") is a count too, most likely.
  return words.replace(/(?<![\w.=<–-])\b([1-9]\d*)\b(?![.\w–-])/g, (m, n: string) => (Number(n) < k ? 'fewer than k' : m));
}

/** A pipeline note as a clause: size-safe, without its own closing full stop. */
export function safeNote(note: string, k: number): string {
  return safeReason(note, k).trim().replace(/\.+$/, '');
}

/** A count of people to print: itself when 0 or at least k, otherwise "fewer than k". */
export function countText(n: number | null | undefined, k: number, format: (n: number) => string = String): string {
  if (n === null || n === undefined) return '—';
  return n === 0 || n >= k ? format(n) : `fewer than ${k}`;
}

/** A count the pipeline released as null because it was 1..k−1 (missing data, omissions). */
export function releasedCountText(n: number | null | undefined, k: number, format: (n: number) => string = String): string {
  return n === null || n === undefined ? `fewer than ${k}` : countText(n, k, format);
}

/**
 * Omissions fit to print. Anything about an organization under k (its code, its
 * respondent count) is folded into one line counting such organizations, because naming
 * it or its count would say how few answered there.
 */
export function safeOmissions(results: Results): Omission[] {
  const k = results.study.k;
  const small = results.organizations.filter((o) => !o.reportable || !showable(o.respondents, k)).map((o) => o.code);
  const mentionsSmall = (o: Omission) => small.some((code) => o.what.includes(code) || o.why.includes(code));
  const kept = results.omissions.filter((o) => !mentionsSmall(o)).map((o) => ({ ...o, what: safeReason(o.what, k), why: safeReason(o.why, k) }));
  // `count` stays a number here; the appendix prints it through countText.
  if (small.length > 0) {
    kept.unshift({ what: 'organizations with fewer than k respondents', why: `fewer than ${k} respondents: no organization report, and not shown organization by organization`, count: small.length });
  }
  return kept;
}
