// Builds the survey's pages for a state: signs the answers into the form, adds a fresh
// CSRF token, and turns validation issues into field errors and an error summary.
import { holds, itemVariables, visibleSections } from '../../instrument/display.js';
import { t } from '../../instrument/i18n.js';
import { issueMessage } from '../../instrument/messages.js';
import { QUESTIONNAIRE } from '../../instrument/questionnaire.js';
import type { Answers, Condition, Item, Section } from '../../instrument/types.js';
import type { AnswerIssue } from '../../instrument/validate.js';
import { csrfToken } from '../middleware/csrf.js';
import { consentPage } from '../views/survey/consent.js';
import type { SummaryEntry } from '../views/survey/error-summary.js';
import type { HiddenFields } from '../views/survey/form-frame.js';
import { fieldId, type FieldErrors } from '../views/survey/items.js';
import { reviewPage } from '../views/survey/review.js';
import { sectionPage } from '../views/survey/section.js';
import { encodeState, type FormState } from './state.js';

/** Where the page posts, and what its signed fields are bound to. */
export interface PageContext {
  secret: string;
  scope: string;
  /** The survey link's path, e.g. /s/CODE: the form's action. */
  action: string;
  /** A message at the top of the page (e.g. that a stale page was not sent). */
  notice?: string;
}

function hiddenFields(ctx: PageContext, state: FormState): HiddenFields {
  // The form posts with its language in the address, so even a page that cannot read the
  // form (too large, too old) answers in the survey's language rather than the browser's.
  return { action: `${ctx.action}?lang=${state.lang}`, state: encodeState(ctx.secret, ctx.scope, state), csrf: csrfToken(ctx.secret, ctx.scope) };
}

/** Which section asks each variable: a condition on a later section's variable is still open. */
const ASKED_IN = new Map<string, number>(QUESTIONNAIRE.sections.flatMap((s, i) => s.items.flatMap((item) => itemVariables(item).map((v) => [v, i] as const))));

function conditionVariables(condition: Condition): string[] {
  return 'any' in condition ? condition.any.flatMap(conditionVariables) : [condition.variable];
}

/**
 * "Part n of total" for a section. A section that display logic might still add (its
 * condition rests on a question not yet reached) counts in the total from the start, so the
 * numbers only ever go forward: the total can shrink when it is left out, never grow.
 */
export function progressOf(section: Section, answers: Answers): { position: number; total: number } {
  const here = QUESTIONNAIRE.sections.findIndex((s) => s.id === section.id);
  const counted = QUESTIONNAIRE.sections.filter((s, i) => {
    if (!s.showIf || holds(s.showIf, answers)) return true;
    // Undecided while any question it depends on is asked here or later.
    return i > here && conditionVariables(s.showIf).some((v) => (ASKED_IN.get(v) ?? -1) >= here);
  });
  return { position: counted.findIndex((s) => s.id === section.id) + 1, total: counted.length };
}

export function renderConsent(ctx: PageContext, state: FormState, k: number): string {
  const other = t(state.lang, 'lang.switchTo');
  return consentPage({ lang: state.lang, k, minutes: QUESTIONNAIRE.minutes, switchHref: `${ctx.action}?lang=${other}`, hidden: hiddenFields(ctx, { ...state, step: 'consent' }), notice: ctx.notice });
}

function itemFor(section: Section, path: string): Item | undefined {
  return section.items.find((i) => {
    if (i.kind === 'multi') return i.id === path || i.options.includes(path) || i.exclusive === path || i.selfText?.variable === path;
    if (i.kind === 'single') return i.variable === path || i.selfDescribe?.variable === path;
    return i.variable === path;
  });
}

function isSelfText(item: Item, path: string): boolean {
  return (item.kind === 'multi' && item.selfText?.variable === path) || (item.kind === 'single' && item.selfDescribe?.variable === path);
}

export function renderSection(ctx: PageContext, state: FormState, section: Section, issues: AnswerIssue[] = []): string {
  const errors: FieldErrors = {};
  const summary: SummaryEntry[] = [];
  for (const issue of issues) {
    const message = issueMessage(state.lang, issue);
    if (errors[issue.path]) continue;
    errors[issue.path] = message;
    const item = itemFor(section, issue.path);
    // A self-description box is its own field with its own label; anything else links to its question.
    const ownField = !item || isSelfText(item, issue.path);
    const href = ownField ? `#f-${issue.path}` : `#${fieldId(item)}`;
    const label = item ? t(state.lang, `q.${ownField ? issue.path : item.id}`) : issue.path;
    summary.push({ href, label, message });
  }
  return sectionPage({
    lang: state.lang,
    section,
    ...progressOf(section, state.answers),
    answers: state.answers,
    errors,
    summary,
    returning: state.reviewed !== undefined,
    notice: ctx.notice,
    hidden: hiddenFields(ctx, { ...state, step: section.id }),
  });
}

export function renderReview(ctx: PageContext, state: FormState): string {
  const { reviewed: _done, ...rest } = state;
  return reviewPage({ lang: state.lang, sections: visibleSections(state.answers), answers: state.answers, notice: ctx.notice, hidden: hiddenFields(ctx, { ...rest, step: 'review' }) });
}

