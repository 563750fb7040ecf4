// The frame of every survey page: the shared layout in the person's language, the
// survey's name, and (on pages without a form) a language switch that is a plain link.
import type { Child } from 'hono/jsx';
import { t } from '../../../instrument/i18n.js';
import type { Lang } from '../../../instrument/types.js';
import { Layout } from '../layout.js';

export interface SurveyPageProps {
  lang: Lang;
  title: string;
  /** A GET URL for the other language; omitted on form pages, whose switch is a button. */
  switchHref?: string;
  /** The name at the top of the page (default: the survey's; '' for none). */
  name?: string;
  /** A message above the page's content (e.g. that a stale page was not sent). */
  notice?: string;
  children?: Child;
}

export function SurveyPage({ lang, title, switchHref, name, notice, children }: SurveyPageProps) {
  const other = t(lang, 'lang.switchTo') as Lang;
  const heading = name ?? t(lang, 'survey.title');
  return (
    <Layout title={heading ? `${title} · ${heading}` : title} lang={lang}>
      <div class="survey-top">
        {heading ? <p class="survey-name">{heading}</p> : <span />}
        {switchHref && (
          <nav class="survey-lang" aria-label={t(lang, 'lang.label')}>
            <a href={switchHref} lang={other} hreflang={other}>{t(lang, 'lang.switch')}</a>
          </nav>
        )}
      </div>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      {children}
    </Layout>
  );
}

export function render(node: unknown): string {
  return '<!DOCTYPE html>' + String(node);
}
