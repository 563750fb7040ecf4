// Checks answers against the instrument: required questions, allowed values, ranges,
// lengths, "prefer not to say" exclusivity and display logic. Issues carry a code and
// parameters, so the survey pages word them in the person's language and the API in English.
import { display, visibleItems, type Display } from './display.js';
import type { Answers, Item, Section } from './types.js';

export type IssueCode = 'required' | 'requiredMulti' | 'exclusive' | 'integer' | 'choice' | 'tooLong' | 'nulChar' | 'notShown';

export interface AnswerIssue {
  /** The variable (or, for a multi-select, the item id) the problem is about. */
  path: string;
  code: IssueCode;
  params?: Record<string, number | string>;
}

const isBlank = (v: unknown) => v === undefined || v === '';

function checkItem(item: Item, answers: Answers): AnswerIssue[] {
  switch (item.kind) {
    case 'single': {
      const v = answers[item.variable];
      const issues: AnswerIssue[] = [];
      if (isBlank(v)) {
        if (item.required) issues.push({ path: item.variable, code: 'required' });
      } else if (!item.options.includes(String(v)) || typeof v !== 'string') {
        issues.push({ path: item.variable, code: 'choice' });
      }
      const self = item.selfDescribe;
      if (self) issues.push(...checkText(self.variable, answers[self.variable], self.maxLength));
      return issues;
    }
    case 'likert': {
      const v = answers[item.variable];
      if (isBlank(v)) return item.required ? [{ path: item.variable, code: 'required' }] : [];
      return Number.isInteger(v) && (v as number) >= item.min && (v as number) <= item.max ? [] : [{ path: item.variable, code: 'choice' }];
    }
    case 'integer': {
      const v = answers[item.variable];
      if (isBlank(v)) return item.required ? [{ path: item.variable, code: 'required' }] : [];
      return Number.isInteger(v) && (v as number) >= item.min && (v as number) <= item.max
        ? []
        : [{ path: item.variable, code: 'integer', params: { min: item.min, max: item.max } }];
    }
    case 'textarea':
      return checkText(item.variable, answers[item.variable], item.maxLength);
    case 'multi': {
      const issues: AnswerIssue[] = [];
      const flags = [...item.options, ...(item.exclusive ? [item.exclusive] : [])];
      for (const f of flags) {
        const v = answers[f];
        if (v !== undefined && v !== 0 && v !== 1) issues.push({ path: f, code: 'choice' });
      }
      const ticked = item.options.filter((o) => answers[o] === 1);
      const selfText = item.selfText ? answers[item.selfText.variable] : undefined;
      if (item.selfText) issues.push(...checkText(item.selfText.variable, selfText, item.selfText.maxLength));
      const declined = item.exclusive !== undefined && answers[item.exclusive] === 1;
      if (declined && (ticked.length > 0 || !isBlank(selfText))) issues.push({ path: item.id, code: 'exclusive' });
      if (item.required && !declined && ticked.length === 0 && isBlank(selfText)) issues.push({ path: item.id, code: 'requiredMulti' });
      return issues;
    }
  }
}

function checkText(variable: string, v: unknown, maxLength: number): AnswerIssue[] {
  if (isBlank(v)) return [];
  if (typeof v !== 'string') return [{ path: variable, code: 'choice' }];
  // Counted in UTF-16 units, as browsers count maxlength and zod counts max(): one rule everywhere.
  if (v.length > maxLength) return [{ path: variable, code: 'tooLong', params: { max: maxLength } }];
  // PostgreSQL cannot store NUL in text: refused here, on every path, rather than failing the write.
  return v.includes('\u0000') ? [{ path: variable, code: 'nulChar' }] : [];
}

/** Problems with one section's answers (as shown to this person). */
export function validateSection(section: Section, answers: Answers): AnswerIssue[] {
  return visibleItems(section, answers).flatMap((item) => checkItem(item, answers));
}

/**
 * Problems with a complete set of answers: every shown section is checked, and an answer
 * to a question this person would not be shown is an issue (the API must not store it).
 */
export function validateAnswers(answers: Answers, shown: Display = display(answers)): AnswerIssue[] {
  const issues = shown.sections.flatMap(({ items }) => items.flatMap((item) => checkItem(item, answers)));
  for (const name in answers) {
    const value = answers[name];
    // An unticked box (0) or an empty text says nothing, so it may accompany a question not shown.
    if (!shown.variables.has(name) && value !== 0 && value !== '' && value !== undefined) issues.push({ path: name, code: 'notShown' });
  }
  return issues;
}
