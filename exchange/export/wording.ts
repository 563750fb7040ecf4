// Question wording and answer labels for codebook.csv, looked up in the survey
// instrument's English and Spanish text tables (the same words respondents saw).
import { TEXT_EN } from '../../instrument/text-en.js';
import { TEXT_ES } from '../../instrument/text-es.js';
import { LEAVE_REASONS, RACE_CATEGORIES } from '../../instrument/codebook.js';
import type { Lang } from '../../instrument/types.js';

type Table = Readonly<Record<string, string>>;
const TABLES: Record<Lang, Table> = { en: TEXT_EN, es: TEXT_ES };

const FLAG_QUESTIONS: Record<string, string> = {
  ...Object.fromEntries([...RACE_CATEGORIES, 'race_decline'].map((v) => [v, 'q.race'])),
  ...Object.fromEntries(LEAVE_REASONS.map((v) => [v, 'q.leave_reason'])),
};

/** The question a stored variable answers, in a language; a tick box reads "question — option". */
export function questionWording(variable: string, lang: Lang): string | null {
  const t = TABLES[lang];
  const question = FLAG_QUESTIONS[variable];
  if (question) {
    const q = t[question];
    const opt = t[`opt.${variable}`];
    return q && opt ? `${q} — ${opt}` : null;
  }
  return t[`q.${variable}`] ?? null;
}

/** Label of a category value or a scale point (English). */
export function valueLabel(variable: string, value: string | number, anchors?: 'agree5' | 'agree7'): string | null {
  if (anchors) return TEXT_EN[`anchor.${anchors}.${value}` as keyof typeof TEXT_EN] ?? null;
  return (TEXT_EN as Table)[`opt.${variable}.${value}`] ?? null;
}
