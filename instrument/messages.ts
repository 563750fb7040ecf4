// Words an answer issue in a language: the survey pages use the person's language, the
// API English.
import { t } from './i18n.js';
import type { Lang } from './types.js';
import type { AnswerIssue, IssueCode } from './validate.js';
import type { UiKey } from './ui-en.js';

const KEYS: Record<IssueCode, UiKey> = {
  required: 'error.required',
  requiredMulti: 'error.requiredMulti',
  exclusive: 'error.exclusive',
  integer: 'error.integer',
  choice: 'error.choice',
  tooLong: 'error.tooLong',
  nulChar: 'error.nulChar',
  notShown: 'error.notShown',
};

export function issueMessage(lang: Lang, issue: AnswerIssue): string {
  return t(lang, KEYS[issue.code], issue.params);
}
