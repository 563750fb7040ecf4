// Survey addresses a person may mistype or reach by accident, answered with a page in their
// language rather than a bare 404: /s or /s/ (no code), a trailing slash, /S/CODE (a
// capital S), and /s/CODE/done for a code that was never sent (which must not say "your
// answers were saved"). Mounted before the survey routes, so it sees these first.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app.js';
import { t } from '../../instrument/i18n.js';
import { lang, type LangEnv } from '../middleware/lang.js';
import { retryAfter, type FailureLimiter } from '../middleware/rate-limit.js';
import { PROBLEM_STATUS, resolveEntry } from '../respond/entry.js';
import { problemPage } from '../views/survey/outcome.js';

type SurveyEnv = AppEnv & LangEnv;
type Ctx = Context<SurveyEnv>;

const switchHref = (c: Ctx) => `${c.req.path}?lang=${t(c.get('lang'), 'lang.switchTo')}`;

function noCode(c: Ctx) {
  return c.html(problemPage({ lang: c.get('lang'), problem: 'noCode', switchHref: switchHref(c) }), 404);
}

/** The same address with its query, as a path-relative redirect target. */
function withQuery(c: Ctx, path: string): string {
  const query = new URL(c.req.url).search;
  return path + query;
}

export function surveyPathRoutes(limiter: FailureLimiter): Hono<SurveyEnv> {
  const app = new Hono<SurveyEnv>();
  for (const prefix of ['/s', '/o'] as const) {
    app.get(prefix, lang(), noCode);
    app.get(`${prefix}/`, lang(), noCode);
    app.get(`${prefix}/:ref/`, (c) => c.redirect(withQuery(c, `${prefix}/${c.req.param('ref')}`), 301));
    app.get(`${prefix.toUpperCase()}/*`, (c) => c.redirect(withQuery(c, prefix + c.req.path.slice(2).replace(/\/$/, '')), 301));
  }
  // "Your answers were saved" only for a code that was in fact used; a guess counts as one.
  app.get('/s/:ref/done', lang(), async (c, next) => {
    const l = c.get('lang');
    const wait = limiter.blocked(c);
    if (wait) return c.html(problemPage({ lang: l, problem: 'rateLimited', retryAfter: wait }), PROBLEM_STATUS.rateLimited, retryAfter(wait));
    const { db, config } = c.get('deps');
    const code = c.req.param('ref');
    const result = await resolveEntry(db, config.secret, { kind: 'invite', code }, c.get('deps').clock?.());
    if (!result.ok && result.problem === 'used') return next();
    if (result.ok) return c.redirect(`/s/${code}?lang=${l}`, 303);
    if (result.problem === 'unknown') limiter.recordFailure(c);
    return c.html(problemPage({ lang: l, problem: result.problem, switchHref: switchHref(c) }), PROBLEM_STATUS[result.problem]);
  });
  app.get('/o/:ref/done', lang(), async (c, next) => {
    const l = c.get('lang');
    const wait = limiter.blocked(c);
    if (wait) return c.html(problemPage({ lang: l, problem: 'rateLimited', retryAfter: wait }), PROBLEM_STATUS.rateLimited, retryAfter(wait));
    const { db, config } = c.get('deps');
    const result = await resolveEntry(db, config.secret, { kind: 'open', token: c.req.param('ref') }, c.get('deps').clock?.());
    // An open link's thank-you stands once the link is known (closed since: it was sent before).
    if (result.ok || result.problem !== 'unknown') return next();
    limiter.recordFailure(c);
    return c.html(problemPage({ lang: l, problem: 'unknown', switchHref: switchHref(c) }), 404);
  });
  return app;
}
