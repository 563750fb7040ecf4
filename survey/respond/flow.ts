// The survey's steps as a function of the signed state and the button pressed: consent ->
// each shown section -> review -> submit. Pure: it reads no database and stores nothing;
// the route stores the answers only when this says 'submit'.
import { itemVariables, pruneHidden, visibleSections } from '../../instrument/display.js';
import { mergeSectionForm, type FormFields } from './form-fields.js';
import { isLang } from '../../instrument/i18n.js';
import { QUESTIONNAIRE } from '../../instrument/questionnaire.js';
import type { Answers } from '../../instrument/types.js';
import { validateAnswers, validateSection } from '../../instrument/validate.js';
import { renderConsent, renderReview, renderSection, type PageContext } from './pages.js';
import type { FormState } from './state.js';

export type FlowOutcome =
  | { kind: 'page'; status: 200 | 422; html: string; state: FormState }
  | { kind: 'submit'; state: FormState; answers: Answers }
  | { kind: 'tampered' };

const page = (state: FormState, html: string, status: 200 | 422 = 200): FlowOutcome => ({ kind: 'page', status, html, state });

function sectionById(id: string) {
  return QUESTIONNAIRE.sections.find((s) => s.id === id);
}

export function advance(ctx: PageContext, state: FormState, action: string, fields: FormFields, k: number): FlowOutcome {
  const current = sectionById(state.step);
  if (state.step !== 'consent' && state.step !== 'review' && !current) return { kind: 'tampered' };
  // Whatever the button, the answers on a section page are kept (Back and a language switch too).
  const answers = current ? mergeSectionForm(current, fields, state.answers) : state.answers;
  let next: FormState = { ...state, answers };

  if (action.startsWith('lang:')) {
    const lang = action.slice(5);
    if (!isLang(lang)) return { kind: 'tampered' };
    next = { ...next, lang };
    if (current) return page(next, renderSection(ctx, next, current));
    return page(next, state.step === 'review' ? renderReview(ctx, next) : renderConsent(ctx, next, k));
  }

  const shown = visibleSections(answers);
  if (state.step === 'consent') {
    if (action !== 'start') return { kind: 'tampered' };
    return page(next, renderSection(ctx, next, shown[0]));
  }

  if (current) {
    const index = shown.findIndex((s) => s.id === current.id);
    if (action === 'back') {
      return page(next, index > 0 ? renderSection(ctx, next, shown[index - 1]) : renderConsent(ctx, next, k));
    }
    if (action !== 'next') return { kind: 'tampered' };
    const issues = validateSection(current, answers);
    if (issues.length > 0) return page(next, renderSection(ctx, next, current, issues), 422);
    if (next.reviewed) {
      // A change made from the review goes back there, unless it brought up a section the
      // review did not show (then that is asked first).
      const added = shown.slice(index + 1).find((s) => !next.reviewed!.includes(s.id));
      if (added) return page(next, renderSection(ctx, next, added));
      const { reviewed: _done, ...back } = next;
      return page(back, renderReview(ctx, back));
    }
    const following = shown[index + 1];
    return page(next, following ? renderSection(ctx, next, following) : renderReview(ctx, next));
  }

  // The review page.
  if (action === 'back') return page(next, renderSection(ctx, next, shown[shown.length - 1]));
  if (action.startsWith('goto:')) {
    const target = shown.find((s) => s.id === action.slice(5));
    if (!target) return { kind: 'tampered' };
    const changing = { ...next, reviewed: shown.map((s) => s.id) };
    return page(changing, renderSection(ctx, changing, target));
  }
  if (action !== 'submit') return { kind: 'tampered' };
  // Answers to questions no longer shown (the person changed an earlier answer) are dropped.
  const final = pruneHidden(answers);
  const issues = validateAnswers(final);
  if (issues.length > 0) {
    const paths = new Set(issues.map((i) => i.path));
    const first = shown.find((s) => s.items.some((item) => paths.has(item.id) || itemVariables(item).some((v) => paths.has(v)))) ?? shown[0];
    return page(next, renderSection(ctx, next, first, issues.filter((i) => first.items.some((item) => i.path === item.id || itemVariables(item).includes(i.path)))), 422);
  }
  return { kind: 'submit', state: next, answers: final };
}
