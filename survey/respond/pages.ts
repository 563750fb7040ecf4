// Builds the survey's pages for a state: signs the answers into the form, adds a fresh
// CSRF token, and turns validation issues into field errors and an error summary.
import { visibleSections } from '../../instrument/display.js';
import { t } from '../../instrument/i18n.js';
import { issueMessage } from '../../instrument/messages.js';
import { QUESTIONNAIRE } from '../../instrument/questionnaire.js';
import type { Item, Section } from '../../instrument/types.js';
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
}

function hiddenFields(ctx: PageContext, state: FormState): HiddenFields {
  return { action: ctx.action, state: encodeState(ctx.secret, ctx.scope, state), csrf: csrfToken(ctx.secret, ctx.scope) };
}

export function renderConsent(ctx: PageContext, state: FormState, k: number): string {
  const other = t(state.lang, 'lang.switchTo');
  return consentPage({ lang: state.lang, k, minutes: QUESTIONNAIRE.minutes, switchHref: `${ctx.action}?lang=${other}`, hidden: hiddenFields(ctx, { ...state, step: 'consent' }) });
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
  const sections = visibleSections(state.answers);
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
    position: sections.findIndex((s) => s.id === section.id) + 1,
    total: sections.length,
    answers: state.answers,
    errors,
    summary,
    hidden: hiddenFields(ctx, { ...state, step: section.id }),
  });
}

export function renderReview(ctx: PageContext, state: FormState): string {
  return reviewPage({ lang: state.lang, sections: visibleSections(state.answers), answers: state.answers, hidden: hiddenFields(ctx, { ...state, step: 'review' }) });
}

