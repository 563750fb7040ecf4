// One section of the questionnaire on its own page: a progress indicator, the questions,
// an error summary when something needs fixing, and Back / Next.
import { visibleItems } from '../../../instrument/display.js';
import { t } from '../../../instrument/i18n.js';
import type { Answers, Lang, Section } from '../../../instrument/types.js';
import { ErrorSummary, type SummaryEntry } from './error-summary.js';
import { FormFrame, type HiddenFields } from './form-frame.js';
import { ItemField, type FieldErrors } from './items.js';
import { render, SurveyPage } from './page.js';

export interface SectionPageProps {
  lang: Lang;
  section: Section;
  position: number;
  total: number;
  answers: Answers;
  errors: FieldErrors;
  summary: SummaryEntry[];
  /** Changing an answer from the review page: Next goes back there. */
  returning?: boolean;
  notice?: string;
  hidden: HiddenFields;
}

export function sectionPage(p: SectionPageProps): string {
  const title = t(p.lang, `section.${p.section.id}.title`);
  const progress = t(p.lang, 'progress', { n: p.position, total: p.total });
  return render(
    <SurveyPage lang={p.lang} title={p.summary.length > 0 ? `${t(p.lang, 'errors.title')}: ${title}` : title} notice={p.notice}>
      <ErrorSummary lang={p.lang} entries={p.summary} />
      <p class="progress-text" id="progress-text">{progress}</p>
      <progress max={p.total} value={p.position} aria-labelledby="progress-text">{progress}</progress>
      <h1>{title}</h1>
      <p class="intro">{t(p.lang, `section.${p.section.id}.intro`)}</p>
      <FormFrame
        lang={p.lang}
        hidden={p.hidden}
        buttons={[
          { value: 'next', label: t(p.lang, p.returning ? 'nav.saveReturn' : p.position === p.total ? 'nav.review' : 'nav.next') },
          { value: 'back', label: t(p.lang, 'nav.back'), secondary: true },
        ]}
      >
        {visibleItems(p.section, p.answers).map((item) => (
          <ItemField item={item} lang={p.lang} answers={p.answers} errors={p.errors} />
        ))}
      </FormFrame>
    </SurveyPage>,
  );
}
