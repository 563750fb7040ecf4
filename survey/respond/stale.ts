// A survey form the CSRF check refused may just be old (a tab left open for weeks), not
// forged: when the post is same-site, its token is one we signed for this very link and has
// only expired, and its state is ours, the page the person was on is shown again with
// everything they had entered and a fresh token, saying that nothing was sent. Anything
// else is refused as before.
import type { Context } from 'hono';
import { t } from '../../instrument/i18n.js';
import type { Lang } from '../../instrument/types.js';
import { CSRF_FIELD, isCrossSite, isExpiredCsrfToken } from '../middleware/csrf.js';
import type { AppDeps } from '../app.js';
import { problemPage } from '../views/survey/outcome.js';
import { entryScope, PROBLEM_STATUS, resolveEntry, type EntryRef } from './entry.js';
import { QUESTIONNAIRE } from '../../instrument/questionnaire.js';
import { mergeSectionForm, type FormFields } from './form-fields.js';
import { advance } from './flow.js';
import { decodeState, STATE_FIELD } from './state.js';

type Ctx = Context<{ Variables: { deps: AppDeps; lang: Lang } }>;

export async function recoverStaleForm(c: Ctx, ref: EntryRef, refuse: () => Response | Promise<Response>): Promise<Response> {
  const type = c.req.header('content-type') ?? '';
  if (isCrossSite(c) || !(type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) return refuse();
  const { db, config } = c.get('deps');
  const scope = entryScope(config.secret, ref);
  const fields = (await c.req.parseBody()) as FormFields;
  const state = isExpiredCsrfToken(config.secret, scope, fields[CSRF_FIELD]) ? decodeState(config.secret, scope, fields[STATE_FIELD]) : null;
  if (!state) return refuse();
  // The link may have closed meanwhile: then that is what the person needs to know, with
  // what they had entered (this page included) for them to copy.
  const entry = await resolveEntry(db, config.secret, ref, c.get('deps').clock?.());
  if (!entry.ok) {
    const current = QUESTIONNAIRE.sections.find((s) => s.id === state.step);
    const kept = current ? mergeSectionForm(current, fields, state.answers) : state.answers;
    return c.html(problemPage({ lang: state.lang, problem: entry.problem, kept }), PROBLEM_STATUS[entry.problem]);
  }
  // Re-showing the page in its own language keeps the answers on it and moves nowhere.
  const outcome = advance({ secret: config.secret, scope, action: c.req.path, notice: t(state.lang, 'stale.notice') }, state, `lang:${state.lang}`, fields, entry.entry.k);
  return outcome.kind === 'page' ? c.html(outcome.html, 200) : refuse();
}
