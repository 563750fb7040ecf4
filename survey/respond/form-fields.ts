// Reads one section's fields from a submitted HTML form into answers. Lenient on
// purpose: what a person typed is kept (a "3.5" for years stays a string) so the page can
// show it back with an error, and validation decides what is acceptable.
import { itemVariables } from '../../instrument/display.js';
import type { Answers, Item, Section } from '../../instrument/types.js';

export type FormFields = Record<string, string | File | (string | File)[]>;

function text(fields: FormFields, name: string): string | undefined {
  const raw = fields[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  // Browsers send CRLF in textareas; keep one newline style.
  const trimmed = value.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? undefined : trimmed;
}

function whole(value: string | undefined): string | number | undefined {
  if (value === undefined) return undefined;
  return /^-?\d{1,6}$/.test(value) ? Number(value) : value;
}

function readItem(item: Item, fields: FormFields, out: Answers): void {
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined) out[name] = value;
  };
  switch (item.kind) {
    case 'single':
      set(item.variable, text(fields, item.variable));
      if (item.selfDescribe) set(item.selfDescribe.variable, text(fields, item.selfDescribe.variable));
      return;
    case 'likert':
    case 'integer':
      set(item.variable, whole(text(fields, item.variable)));
      return;
    case 'textarea':
      set(item.variable, text(fields, item.variable));
      return;
    case 'multi':
      for (const flag of [...item.options, ...(item.exclusive ? [item.exclusive] : [])]) {
        if (text(fields, flag) !== undefined) out[flag] = 1;
      }
      if (item.selfText) set(item.selfText.variable, text(fields, item.selfText.variable));
  }
}

/**
 * The answers after a section's form is read: this section's earlier answers are
 * replaced by what was submitted (an unticked box or emptied field clears its answer).
 */
export function mergeSectionForm(section: Section, fields: FormFields, answers: Answers): Answers {
  const next: Answers = { ...answers };
  for (const item of section.items) for (const v of itemVariables(item)) delete next[v];
  for (const item of section.items) readItem(item, fields, next);
  return next;
}
