// What an organization report says, decided apart from how it looks: the verdict of each
// comparison (direction only when the interval excludes zero), strengths and areas to
// discuss ranked by the end of the interval nearest zero, and the list of what the release
// withheld from this organization's figures (disclosure.json's entries for it, plus answer
// tables with hidden cells, which are withheld inside a published table).
import type { OrgComparison, OrganizationSummary } from '../pipeline/results.js';
import { SCALE_LABELS } from './format.js';
import type { OrgText } from './org-text.js';

export const COMPARISON_ORDER = ['satisfaction_score', 'intent_to_leave_score', 'culture_score', 'leadership_cb_score', 'decision_score', 'valued_score', 'br_1', 'br_2', 'br_3'];

/** Higher is better for every compared measure except intent to leave; the three questions ask about good practice. */
export function higherIsBetter(measure: string): boolean {
  return measure.startsWith('br_') ? true : SCALE_LABELS[measure]?.higherIsBetter !== false;
}

export interface Ranked {
  measure: string;
  /** The difference turned so that positive is better for the organization. */
  gain: number;
  /** The interval of `gain`, low to high. */
  low: number;
  high: number;
}

/** Comparisons fit to show: the pipeline's released ones, in a fixed order. */
export function shownComparisons(org: OrganizationSummary): [string, OrgComparison][] {
  const all = org.comparisons ?? {};
  return COMPARISON_ORDER.filter((m) => all[m] && all[m].difference !== null && all[m].ci_low !== null && all[m].ci_high !== null).map((m) => [m, all[m]]);
}

/** Strengths (better, interval above zero) and areas to discuss (worse), clearest first. */
export function rankFindings(org: OrganizationSummary): { strengths: Ranked[]; concerns: Ranked[] } {
  const strengths: Ranked[] = [];
  const concerns: Ranked[] = [];
  for (const [measure, c] of shownComparisons(org)) {
    const sign = higherIsBetter(measure) ? 1 : -1;
    const a = sign * c.ci_low!;
    const b = sign * c.ci_high!;
    const r: Ranked = { measure, gain: sign * c.difference!, low: Math.min(a, b), high: Math.max(a, b) };
    if (r.low > 0) strengths.push(r);
    else if (r.high < 0) concerns.push(r);
  }
  // The end nearest zero is how sure the direction is: a larger lower bound is a clearer strength.
  strengths.sort((x, y) => y.low - x.low || (x.measure < y.measure ? -1 : 1));
  concerns.sort((x, y) => x.high - y.high || (x.measure < y.measure ? -1 : 1));
  return { strengths, concerns };
}

export interface WithheldItem {
  /** disclosure.json's cell id, or `answer-table/<item>` for cells hidden inside a table. */
  id: string;
  what: string;
  why: string;
}

/** A disclosure.json cell id about this organization, in the reader's words. */
export function cellLabel(id: string, code: string, t: OrgText): string {
  if (id === `export/respondents[${code}]`) return t.withheldItem.export;
  const rest = id.slice(`org/${code}/`.length);
  if (rest === 'respondents' || rest === 'orientation') return t.withheldItem[rest];
  if (rest.startsWith('bridge.')) return `${t.measures[rest.slice(7)] ?? rest.slice(7)}`;
  if (rest.startsWith('compare.')) return `${t.measures[rest.slice(8)] ?? rest.slice(8)}: ${t.withheldItem.compare}`;
  if (rest.startsWith('breakdown.')) {
    const [measure, , group] = rest.slice(10).split('.');
    return `${t.measures[measure] ?? measure}: ${t.breakdownGroups[group as keyof OrgText['breakdownGroups']] ?? group}`;
  }
  return t.measures[rest] ?? t.withheldItem[rest] ?? rest;
}

/** Everything withheld from this organization's figures, in the reader's language. */
export function withheldItems(org: OrganizationSummary, k: number, t: OrgText): WithheldItem[] | null {
  if (!org.withheld_cells) return null;
  const why = (id: string, rule: keyof OrgText['withheldRule']) => (rule === 'primary' && id.includes('/breakdown.') ? t.withheldBreakdown(k) : t.withheldRule[rule](k));
  const items: WithheldItem[] = org.withheld_cells.map((w) => ({ id: w.id, what: cellLabel(w.id, org.code, t), why: why(w.id, w.rule) }));
  const listed = new Set(items.map((i) => i.id));
  // A breakdown cell withheld by the release pass takes its partner with it; the partner is not a disclosure.json entry of its own.
  for (const b of org.breakdowns ?? []) {
    for (const c of b.cells) {
      const id = `org/${org.code}/breakdown.${b.measure}.${b.by}.${c.group}`;
      if (c.mean === null && c.withheld?.rule === 'complementary' && !listed.has(id)) items.push({ id, what: cellLabel(id, org.code, t), why: t.withheldRule.complementary(k) });
    }
  }
  // A comparison withheld after the release pass (too few other organizations published the measure).
  for (const [m, c] of Object.entries(org.comparisons ?? {})) {
    const id = `org/${org.code}/compare.${m}`;
    const own = m in org.scales ? org.scales[m] : org.bridge[m]?.mean;
    if (c.difference === null && own != null && !listed.has(id)) items.push({ id, what: cellLabel(id, org.code, t), why: t.withheldRule.primary(k) });
  }
  ['br_1', 'br_2', 'br_3'].forEach((b, i) => {
    const table = org.bridge[b]?.table;
    if (table?.withheld) items.push({ id: `answer-table/${b}`, what: t.withheldTable(i + 1), why: t.withheldTableWhy(k) });
  });
  return items;
}
