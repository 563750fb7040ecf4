// Landing page: what this service is and where each kind of visitor goes, in the visitor's
// language. It says nothing about what the service holds (not even how many studies).
import { t } from '../../instrument/i18n.js';
import type { Lang } from '../../instrument/types.js';
import { SurveyPage, render } from './survey/page.js';

export function homePage({ lang }: { lang: Lang }) {
  return render(
    <SurveyPage lang={lang} title={t(lang, 'home.title')} switchHref={`/?lang=${t(lang, 'lang.switchTo')}`} name="">
      <h1>{t(lang, 'home.title')}</h1>
      <p>{t(lang, 'home.lead')}</p>
      <p>{t(lang, 'home.staff')}</p>
      <p>{t(lang, 'home.contact')}</p>
      <p><a href="/admin/login">{t(lang, 'home.team')}</a></p>
    </SurveyPage>,
  );
}
