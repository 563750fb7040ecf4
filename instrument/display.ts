// Display logic: which sections and items a person sees, given their answers so far.
// The same rules decide what the form shows, what validation requires, and which
// multi-select boxes are stored as 0 (shown, not ticked) versus null (never shown).
import { QUESTIONNAIRE } from './questionnaire.js';
import type { Answers, Condition, Item, LikertItem, Section } from './types.js';

export function holds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  if ('any' in condition) return condition.any.some((c) => holds(c, answers));
  const value = answers[condition.variable];
  return value !== undefined && condition.in.includes(String(value));
}

export function visibleSections(answers: Answers, sections: readonly Section[] = QUESTIONNAIRE.sections): Section[] {
  return sections.filter((s) => holds(s.showIf, answers));
}

export function visibleItems(section: Section, answers: Answers): Item[] {
  return section.items.filter((i) => holds(i.showIf, answers));
}

/** The wording key of a likert item for this person (a role-specific variant, or the default). */
export function itemTextId(item: Item, answers: Answers): string {
  const variants = (item as LikertItem).variants;
  return variants?.find((v) => holds(v.when, answers))?.textId ?? item.id;
}

/** Every variable an item can set (a multi-select sets one flag per option, plus its text box). */
export function itemVariables(item: Item): string[] {
  switch (item.kind) {
    case 'multi':
      return [...item.options, ...(item.exclusive ? [item.exclusive] : []), ...(item.selfText ? [item.selfText.variable] : [])];
    case 'single':
      return [item.variable, ...(item.selfDescribe ? [item.selfDescribe.variable] : [])];
    default:
      return [item.variable];
  }
}

/** What a person with these answers is shown: worked out once, used by validation and storage alike. */
export interface Display {
  /** Each visible section with its visible items, in questionnaire order. */
  sections: { section: Section; items: Item[] }[];
  /** Variables shown (a self-description box only with its choice). */
  variables: Set<string>;
}

function conditionVariables(condition: Condition | undefined): string[] {
  if (!condition) return [];
  return 'any' in condition ? condition.any.flatMap(conditionVariables) : [condition.variable];
}

/** The few answers display logic depends on: section and item conditions, and self-description choices. */
const DISPLAY_INPUTS: readonly string[] = [...new Set(QUESTIONNAIRE.sections.flatMap((s) => [
  ...conditionVariables(s.showIf),
  ...s.items.flatMap((i) => [...conditionVariables(i.showIf), ...(i.kind === 'single' && i.selfDescribe ? [i.variable] : [])]),
]))];

// What a person is shown depends on those few answers only, and they take few values; the
// API works it out for every submission, so it is kept per combination (bounded) rather
// than rebuilt (a Set of ~60 names and a dozen arrays per request, all garbage).
const MAX_CACHED_DISPLAYS = 1_000;
const displays = new Map<string, Display>();

// JSON keeps every value distinct (no separator a typed answer could forge); undefined and
// null both become null, which display logic treats alike.
function displayKey(answers: Answers): string {
  return JSON.stringify(DISPLAY_INPUTS.map((v) => answers[v]));
}

/** What a person with these answers is shown. Shared between callers: never modify it. */
export function display(answers: Answers): Display {
  const key = displayKey(answers);
  let shown = displays.get(key);
  if (!shown) {
    shown = computeDisplay(answers);
    if (displays.size >= MAX_CACHED_DISPLAYS) displays.clear();
    displays.set(key, shown);
  }
  return shown;
}

/** The same, worked out afresh (the cache's source, and its check in the tests). */
export function computeDisplay(answers: Answers): Display {
  const sections = visibleSections(answers).map((section) => ({ section, items: visibleItems(section, answers) }));
  const variables = new Set<string>();
  for (const { items } of sections) {
    for (const item of items) {
      for (const v of itemVariables(item)) variables.add(v);
      if (item.kind === 'single' && item.selfDescribe && answers[item.variable] !== item.selfDescribe.value) {
        variables.delete(item.selfDescribe.variable);
      }
    }
  }
  return { sections, variables };
}

/** A copy of `answers` without anything the person is no longer shown (they changed an earlier answer). */
export function pruneHidden(answers: Answers): Answers {
  const keep = display(answers).variables;
  return Object.fromEntries(Object.entries(answers).filter(([k]) => keep.has(k)));
}
