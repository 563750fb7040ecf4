// The pages that end a visit: thank you after a stored response, and a problem page (an
// unknown, used or revoked link, a closed wave, a damaged form...) saying what to do next.
import { t } from '../../../instrument/i18n.js';
import type { Lang } from '../../../instrument/types.js';
import { render, SurveyPage } from './page.js';

export function thanksPage({ lang, switchHref, openLink }: { lang: Lang; switchHref: string; openLink: boolean }): string {
  return render(
    <SurveyPage lang={lang} title={t(lang, 'thanks.title')} switchHref={switchHref}>
      <h1>{t(lang, 'thanks.title')}</h1>
      <p>{t(lang, 'thanks.lead')}</p>
      <p>{t(lang, openLink ? 'thanks.noteOpen' : 'thanks.note')}</p>
    </SurveyPage>,
  );
}

export interface ProblemProps {
  lang: Lang;
  problem: string;
  /** The survey's own start page, when going back there can help (a damaged form); it keeps the page's language. */
  restartHref?: string;
  switchHref?: string;
}

export function problemPage({ lang, problem, restartHref, switchHref }: ProblemProps): string {
  return render(
    <SurveyPage lang={lang} title={t(lang, `problem.${problem}.title`)} switchHref={switchHref}>
      <h1>{t(lang, `problem.${problem}.title`)}</h1>
      <p>{t(lang, `problem.${problem}.body`)}</p>
      {restartHref && <p><a href={restartHref.includes('?') ? restartHref : `${restartHref}?lang=${lang}`}>{t(lang, 'problem.restart')}</a></p>}
    </SurveyPage>,
  );
}
