// The consent page: in plain words, how long the survey takes, what is stored and what is
// never stored, and who sees what — including the wave's k, the smallest group anyone sees.
import { t } from '../../../instrument/i18n.js';
import type { Lang } from '../../../instrument/types.js';
import { FormFrame, type HiddenFields } from './form-frame.js';
import { render, SurveyPage } from './page.js';

export interface ConsentProps {
  lang: Lang;
  k: number;
  minutes: number;
  switchHref: string;
  notice?: string;
  hidden: HiddenFields;
}

export function consentPage(p: ConsentProps): string {
  const l = p.lang;
  return render(
    <SurveyPage lang={l} title={t(l, 'consent.title')} switchHref={p.switchHref} notice={p.notice}>
      <h1>{t(l, 'consent.title')}</h1>
      <p>{t(l, 'consent.lead', { minutes: p.minutes })}</p>
      <h2>{t(l, 'consent.stored.title')}</h2>
      <ul>
        <li>{t(l, 'consent.stored.1')}</li>
        <li>{t(l, 'consent.stored.2')}</li>
      </ul>
      <h2>{t(l, 'consent.never.title')}</h2>
      <ul>
        <li>{t(l, 'consent.never.1')}</li>
        <li>{t(l, 'consent.never.2')}</li>
        <li>{t(l, 'consent.never.3')}</li>
      </ul>
      <h2>{t(l, 'consent.who.title')}</h2>
      <ul>
        <li>{t(l, 'consent.who.1', { k: p.k })}</li>
        <li>{t(l, 'consent.who.2')}</li>
        <li>{t(l, 'consent.who.3')}</li>
      </ul>
      <FormFrame lang={l} hidden={p.hidden} buttons={[{ value: 'start', label: t(l, 'consent.start') }]} />
    </SurveyPage>,
  );
}
