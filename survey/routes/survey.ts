// The survey pages: /s/:code (single-use invite) and /o/:token (an organization's open
// link). GET shows the consent page; every later step is a POST carrying the signed
// answers so far; the final submit stores the response and redirects to a thank-you page.
// The final submit is idempotent: it carries the form session's one-time token (signed in
// the form state), and a re-sent final page — a double click, a reload, a re-post after a
// restart — finds the token recorded (in the used invite's row, or for an open link in
// submission_tokens), stores nothing and shows the thank-you page again.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app.js';
import { inviteCodeHash, randomId } from '../../data/ids.js';
import { submissionTokenHash, tokenRecorded } from '../../data/submissions/token.js';
import { t } from '../../instrument/i18n.js';
import { toResponseBody } from '../respond/to-body.js';
import type { Lang } from '../../instrument/types.js';
import { limitBody } from '../middleware/body-limit.js';
import { csrfProtection } from '../middleware/csrf.js';
import { lang, type LangEnv } from '../middleware/lang.js';
import { createFailureLimiter, createSubmissionLimiter, retryAfter, type FailureLimiter, type SourceLimiter } from '../middleware/rate-limit.js';
import { openLinkSubmitLimit } from '../middleware/open-link-limit.js';
import { problemPage, thanksPage } from '../views/survey/outcome.js';
import { advance } from '../respond/flow.js';
import { entryScope, PROBLEM_STATUS, resolveEntry, type EntryRef, type Problem } from '../respond/entry.js';
import { renderConsent, type PageContext } from '../respond/pages.js';
import { decodeState, newNonce, STATE_FIELD } from '../respond/state.js';
import { recoverStaleForm } from '../respond/stale.js';
import { surveyPathRoutes } from './survey-paths.js';

type SurveyEnv = AppEnv & LangEnv;
type Ctx = Context<SurveyEnv>;

export interface SurveyRouteOptions {
  limiter?: FailureLimiter;
  /** Final submits through open links, per source (shared with the API). */
  submissions?: SourceLimiter;
  /** Largest form post accepted; a full form with a 4,000-character comment is ~30 KB. */
  maxFormBytes?: number;
}

const KINDS = [
  { prefix: '/s', ref: (value: string): EntryRef => ({ kind: 'invite', code: value }) },
  { prefix: '/o', ref: (value: string): EntryRef => ({ kind: 'open', token: value }) },
] as const;

function showProblem(c: Ctx, problem: Problem, lang: Lang, restartHref?: string, wait?: number) {
  const switchHref = `${c.req.path}?lang=${t(lang, 'lang.switchTo')}`;
  return c.html(problemPage({ lang, problem, restartHref, switchHref, retryAfter: wait }), PROBLEM_STATUS[problem], wait ? retryAfter(wait) : {});
}

export function surveyRoutes(options: SurveyRouteOptions = {}): Hono<SurveyEnv> {
  const limiter = options.limiter ?? createFailureLimiter();
  const submissions = options.submissions ?? createSubmissionLimiter();
  const app = new Hono<SurveyEnv>();
  app.route('/', surveyPathRoutes(limiter));

  for (const kind of KINDS) {
    const base = `${kind.prefix}/:ref`;
    app.use(base, lang());
    app.use(`${base}/done`, lang());
    app.post(
      base,
      limitBody({ maxBytes: options.maxFormBytes ?? 128 * 1024, onTooLarge: (c) => showProblem(c as Ctx, 'tooLarge', (c as Ctx).get('lang')) }),
      csrfProtection({
        secret: (c) => (c as Ctx).get('deps').config.secret,
        scope: (c) => entryScope((c as Ctx).get('deps').config.secret, kind.ref(c.req.param('ref') ?? '')),
        // An old page is shown again with its answers; only a forged one is refused.
        onFail: (c) => recoverStaleForm(c as Ctx, kind.ref(c.req.param('ref') ?? ''), () => showProblem(c as Ctx, 'csrf', (c as Ctx).get('lang'), c.req.path)),
      }),
    );
    // Open links take any number of responses, so each source may send only so many.
    if (kind.prefix === '/o') app.post(base, openLinkSubmitLimit(submissions, (c) => entryScope((c as Ctx).get('deps').config.secret, kind.ref(c.req.param('ref') ?? ''))));

    /**
     * A form posted to a link that can no longer be answered (closed, revoked, used): when it
     * carries answers we signed for this link, the problem page shows them so none is lost
     * unseen. Null for a guessed code, a rate-limited client or a form that is not ours.
     */
    const keptAnswersPage = async (c: Ctx): Promise<Response | null> => {
      if (limiter.blocked(c)) return null;
      const { db, config } = c.get('deps');
      const ref = kind.ref(c.req.param('ref') ?? '');
      const result = await resolveEntry(db, config.secret, ref, c.get('deps').clock?.());
      if (result.ok || result.problem === 'unknown') return null;
      const fields = await c.req.parseBody();
      const scope = entryScope(config.secret, ref);
      const state = decodeState(config.secret, scope, fields[STATE_FIELD]);
      if (!state) return null;
      // The final page sent again after its response was stored (the code now reads "used"):
      // the person is thanked, not told the code was used.
      if (fields._action === 'submit') {
        // An invite's token hash is in its own row (or, stored before invites held them, with the open links').
        const codeHash = ref.kind === 'invite' ? inviteCodeHash(config.secret, ref.code) : undefined;
        if (await tokenRecorded(db, submissionTokenHash(config.secret, scope, state.nonce), codeHash)) return c.redirect(`${c.req.path}/done?lang=${state.lang}`, 303);
      }
      if (Object.keys(state.answers).length === 0) return null;
      return c.html(problemPage({ lang: state.lang, problem: result.problem, kept: state.answers }), PROBLEM_STATUS[result.problem]);
    };

    /** The entry behind the link, or the problem page to answer with. */
    const enter = async (c: Ctx) => {
      const langNow = c.get('lang');
      // A source that made too many unknown tries waits before any lookup, valid or not, so
      // a guesser cannot tell a hit from the wait. Other sources are never held up by it.
      const wait = limiter.blocked(c);
      if (wait) return { page: showProblem(c, 'rateLimited', langNow, undefined, wait) };
      const { db, config } = c.get('deps');
      const ref = kind.ref(c.req.param('ref') ?? '');
      const result = await resolveEntry(db, config.secret, ref, c.get('deps').clock?.());
      if (!result.ok) {
        // Only unknown codes count: they are what guessing produces.
        if (result.problem === 'unknown') limiter.recordFailure(c);
        return { page: showProblem(c, result.problem, langNow) };
      }
      const ctx: PageContext = { secret: config.secret, scope: entryScope(config.secret, ref), action: c.req.path };
      return { entry: result.entry, ctx };
    };

    app.get(base, async (c) => {
      const e = await enter(c);
      if ('page' in e) return e.page;
      return c.html(renderConsent(e.ctx, { lang: c.get('lang'), step: 'consent', answers: {}, nonce: newNonce() }, e.entry.k));
    });

    app.post(base, async (c) => {
      const e = await enter(c);
      if ('page' in e) return (await keptAnswersPage(c)) ?? e.page;
      const fields = await c.req.parseBody();
      const decoded = decodeState(e.ctx.secret, e.ctx.scope, fields[STATE_FIELD]);
      const action = fields._action;
      if (!decoded || typeof action !== 'string') return showProblem(c, 'tampered', c.get('lang'), c.req.path);
      const query = c.req.query('lang');
      const state = query === 'en' || query === 'es' ? { ...decoded, lang: query as Lang } : decoded;
      const outcome = advance(e.ctx, state, action, fields, e.entry.k);
      if (outcome.kind === 'tampered') return showProblem(c, 'tampered', state.lang, c.req.path);
      if (outcome.kind === 'page') return c.html(outcome.html, outcome.status);

      const done = `${c.req.path}/done?lang=${outcome.state.lang}`;
      const row = toResponseBody(outcome.answers, { id: randomId(), receivedOn: e.entry.day, lang: outcome.state.lang, source: 'web' });
      const tokenHash = submissionTokenHash(e.ctx.secret, e.ctx.scope, outcome.state.nonce);
      const result = await c.get('deps').writer.submit({ row, to: e.entry.destination, tokenHash });
      // Refused at the last step (the wave closed, the code was revoked): the answers stay on
      // the page for the person to copy, and nothing was stored. A replay stored nothing
      // either: its first submit is the response, so it is thanked like the first.
      if (result.status === 'refused') return c.html(problemPage({ lang: outcome.state.lang, problem: result.problem, kept: outcome.answers }), PROBLEM_STATUS[result.problem]);
      return c.redirect(done, 303);
    });

    app.get(`${base}/done`, (c) => {
      const l = c.get('lang');
      return c.html(thanksPage({ lang: l, switchHref: `${c.req.path}?lang=${t(l, 'lang.switchTo')}`, openLink: kind.prefix === '/o' }));
    });
  }
  return app;
}
