// The pages that end a visit: thank you after a stored response, and a problem page (an
// unknown, used or revoked link, a closed wave, a damaged form...) saying what to do next,
// with the answers a form carried when they can no longer be sent (so none is lost unseen).
import { itemVariables, visibleSections } from '../../../instrument/display.js';
import { t } from '../../../instrument/i18n.js';
import type { Answers, Lang } from '../../../instrument/types.js';
import { render, SurveyPage } from './page.js';
import { AnswerList } from './review.js';

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
  /** Answers a form carried that can no longer be sent: shown so the person can keep a copy. */
  kept?: Answers;
  /** Seconds to wait before trying again (a rate limit): said in the page's words. */
  retryAfter?: number;
}

/** "a minute" / "3 minutes": a wait in whole minutes, rounded up. */
export function waitWords(lang: Lang, seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? t(lang, 'wait.minute') : t(lang, 'wait.minutes', { n: minutes });
}

export function problemPage({ lang, problem, restartHref, switchHref, kept, retryAfter }: ProblemProps): string {
  // Only the sections the person had reached: those holding at least one answer.
  const keptSections = kept ? visibleSections(kept).filter((s) => s.items.some((i) => itemVariables(i).some((v) => kept[v] !== undefined))) : [];
  return render(
    <SurveyPage lang={lang} title={t(lang, `problem.${problem}.title`)} switchHref={switchHref}>
      <h1>{t(lang, `problem.${problem}.title`)}</h1>
      <p>{t(lang, `problem.${problem}.body`, { wait: waitWords(lang, retryAfter ?? 60) })}</p>
      {restartHref && <p><a href={restartHref.includes('?') ? restartHref : `${restartHref}?lang=${lang}`}>{t(lang, 'problem.restart')}</a></p>}
      {keptSections.length > 0 && (
        <section aria-labelledby="kept-title">
          <h2 id="kept-title">{t(lang, 'kept.title')}</h2>
          <p>{t(lang, 'kept.lead')}</p>
          {keptSections.map((s) => (
            <section class="review-section" aria-labelledby={`k-${s.id}`}>
              <h3 id={`k-${s.id}`}>{t(lang, `section.${s.id}.title`)}</h3>
              <AnswerList lang={lang} section={s} answers={kept!} />
            </section>
          ))}
        </section>
      )}
    </SurveyPage>,
  );
}
