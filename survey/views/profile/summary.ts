// The profile form's problems, arranged for a person: grouped under the part of the form
// they belong to, each naming its field and linking to it. The many "required" figures of
// one staff group become one entry naming them all, so an empty submission lists a handful
// of things to do rather than two dozen identical lines.
import { STAFF_GROUPS, type Lang, type StaffGroup } from '../../../data/database.js';
import { EXIT_FIELDS, HEADCOUNT_FIELDS, LEADERSHIP_FIELDS, SELF_FIELDS, STAGES, TENURE_BANDS, type ProfileIssue, type Stage } from '../../../exchange/import/profile-fields.js';
import { profileMessage } from '../../../exchange/import/profile-messages.js';
import { PROFILE_TEXT, type ProfileText } from './text.js';

export interface SummaryEntry {
  /** The id of the control the link moves to. */
  href: string;
  /** The field (or fields) in the form's own words. */
  label: string;
  message: string;
}

export interface SummaryGroup {
  /** The heading of the part of the form, as its fieldset's legend says it. */
  title: string;
  /** What to do about all the entries below, said once. */
  lead?: string;
  entries: SummaryEntry[];
}

type Part = 'ed' | 'leaders' | 'headcount' | 'exits' | 'self';

const PARTS: readonly Part[] = ['ed', 'leaders', 'headcount', 'exits', 'self'];

const HEADCOUNT = new Map<string, { stage: Stage; group: StaffGroup }>(STAGES.flatMap((stage) => STAFF_GROUPS.map((group) => [`${stage}_${group}`, { stage, group }] as const)));
const EXITS = new Map<string, { group: StaffGroup; band: number }>(STAFF_GROUPS.flatMap((group) => TENURE_BANDS.map((band) => [`exit_${group}_${band}`, { group, band }] as const)));

function partOf(field: string): Part {
  if ((LEADERSHIP_FIELDS as readonly string[]).includes(field)) return 'leaders';
  if (HEADCOUNT_FIELDS.includes(field) || field === 'headcount_note') return 'headcount';
  if (EXIT_FIELDS.includes(field) || field.startsWith('exits_')) return 'exits';
  if ((SELF_FIELDS as readonly string[]).includes(field)) return 'self';
  return 'ed';
}

function partTitle(t: ProfileText, part: Part): string {
  return { ed: t.edLegend, leaders: t.leadersLegend, headcount: t.headcountLegend, exits: t.exitsLegend, self: t.selfLegend }[part];
}

/** Where a field's message sits on the form: a group's exits message sits by its first band. */
export function anchorOf(field: string): string {
  if (field.startsWith('exits_')) return `exit_${field.slice('exits_'.length)}_${TENURE_BANDS[0]}`;
  if (field === 'ed_race' || field === 'ed_poc') return 'ed_race_poc';
  return field;
}

/** A field's name as the form shows it (a table cell: its row and column). */
export function fieldLabel(t: ProfileText, field: string): string {
  const hc = HEADCOUNT.get(field);
  if (hc) return `${t.groups[hc.group]}: ${t.stages[hc.stage]}`;
  const exit = EXITS.get(field);
  if (exit) return `${t.groups[exit.group]}: ${t.bands[exit.band]}`;
  if (field.startsWith('exits_')) return `${t.exitsLegend}: ${t.groups[field.slice('exits_'.length) as StaffGroup] ?? field}`;
  if (field in t.leaders) return t.leaders[field as keyof ProfileText['leaders']];
  if (field in t.items) return t.items[field];
  if (field === 'ed_race' || field === 'ed_poc') return t.edRaceLabel;
  if (field === 'ed_gender') return t.edGenderLabel;
  if (field === 'headcount_note') return t.noteLabel;
  return field;
}

function listOf(t: ProfileText, words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${t.and} ${words[words.length - 1]}`;
}

/** A field's message on the form: short in a table cell that is only missing (its row says the rest). */
export function inlineMessage(issue: ProfileIssue, lang: Lang): string {
  if (issue.code === 'required' && HEADCOUNT.has(issue.field)) return PROFILE_TEXT[lang].requiredCell;
  // The shared wording asks for a number; this one is a choice.
  if (issue.code === 'required' && (issue.field === 'ed_race' || issue.field === 'ed_poc')) return PROFILE_TEXT[lang].requiredChoice;
  return profileMessage(issue, lang);
}

/** The error summary: one group per part of the form, in the form's order. */
export function profileSummary(issues: ProfileIssue[], lang: Lang): SummaryGroup[] {
  const t = PROFILE_TEXT[lang];
  const byPart = new Map<Part, SummaryEntry[]>();
  const add = (part: Part, entry: SummaryEntry) => byPart.set(part, [...(byPart.get(part) ?? []), entry]);
  const seen = new Set<string>();
  // Missing headcount figures of one staff group: one entry, linked to the first of them.
  const missing = new Map<StaffGroup, Stage[]>();
  for (const issue of issues) {
    const hc = HEADCOUNT.get(issue.field);
    if (issue.code === 'required' && hc) missing.set(hc.group, [...(missing.get(hc.group) ?? []), hc.stage]);
  }
  const grouped = new Set<StaffGroup>();
  for (const issue of issues) {
    if (seen.has(issue.field)) continue;
    seen.add(issue.field);
    const hc = HEADCOUNT.get(issue.field);
    if (issue.code === 'required' && hc) {
      if (grouped.has(hc.group)) continue;
      grouped.add(hc.group);
      const stages = missing.get(hc.group)!;
      add('headcount', { href: `#${issue.field}`, label: t.groups[hc.group], message: t.missingCounts.replace('{fields}', listOf(t, stages.map((s) => t.stages[s].toLowerCase()))) });
      continue;
    }
    add(partOf(issue.field), { href: `#${anchorOf(issue.field)}`, label: fieldLabel(t, issue.field), message: inlineMessage(issue, lang) });
  }
  return PARTS.filter((p) => byPart.has(p)).map((p) => ({ title: partTitle(t, p), ...(p === 'headcount' && missing.size > 0 ? { lead: t.missingLead } : {}), entries: byPart.get(p)! }));
}
