// The limit on final submits through an open link (/o/TOKEN), per source: an open link takes
// any number of responses, so without it one address could post hundreds of forms a minute
// (issue #19). Only the final submit counts; reading and filling the pages do not. A form
// refused here shows the answers it carried, says how long to wait, and carries Retry-After;
// nothing is stored, and going back and sending again after the wait works.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app.js';
import type { Lang } from '../../instrument/types.js';
import { decodeState, STATE_FIELD } from '../respond/state.js';
import { problemPage } from '../views/survey/outcome.js';
import { retryAfter, type SourceLimiter } from './rate-limit.js';

type Ctx = Context<{ Variables: { deps: AppDeps; lang: Lang } }>;

/** `scope` gives the entry scope the form's state is signed for (to show its answers). */
export function openLinkSubmitLimit(limiter: SourceLimiter, scope: (c: Ctx) => string): MiddlewareHandler {
  return async (c, next) => {
    const ctx = c as Ctx;
    const fields = await ctx.req.parseBody();
    if (fields._action !== 'submit') return next();
    const wait = limiter.blocked(ctx);
    if (!wait) {
      limiter.record(ctx);
      return next();
    }
    const state = decodeState(ctx.get('deps').config.secret, scope(ctx), fields[STATE_FIELD]);
    const lang = state?.lang ?? ctx.get('lang');
    return ctx.html(problemPage({ lang, problem: 'submitLimited', kept: state?.answers, retryAfter: wait }), 429, retryAfter(wait));
  };
}
