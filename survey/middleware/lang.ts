// Chooses the page language for each request: `?lang=en|es` first, then the browser's
// Accept-Language, else English. Survey pages may override it from their form (a person
// who switched language mid-survey keeps their choice).
import type { MiddlewareHandler } from 'hono';
import { isLang, langFromHeader } from '../../instrument/i18n.js';
import type { Lang } from '../../instrument/types.js';

export type LangEnv = { Variables: { lang: Lang } };

export function requestLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  return isLang(query) ? query : langFromHeader(acceptLanguage);
}

export function lang(): MiddlewareHandler<LangEnv> {
  return async function lang(c, next) {
    c.set('lang', requestLang(c.req.query('lang'), c.req.header('accept-language')));
    await next();
  };
}
