// The review step: every answer the person gave, section by section, each with a Change
// button, then "Send my answers". Nothing is stored until that last button.
import { itemTextId, visibleItems } from '../../../instrument/display.js';
import { t } from '../../../instrument/i18n.js';
import type { Answers, Item, Lang, Section } from '../../../instrument/types.js';
import { FormFrame, type HiddenFields } from './form-frame.js';
import { render, SurveyPage } from './page.js';

function answerText(item: Item, answers: Answers, lang: Lang): string {
  const none = t(lang, 'review.none');
  switch (item.kind) {
    case 'single': {
      const v = answers[item.variable];
      if (v === undefined) return none;
      const self = item.selfDescribe && v === item.selfDescribe.value ? answers[item.selfDescribe.variable] : undefined;
      return t(lang, `opt.${item.variable}.${v}`) + (self ? `: ${self}` : '');
    }
    case 'likert': {
      const v = answers[item.variable];
      return v === undefined ? none : `${v} – ${t(lang, `anchor.${item.anchors}.${v}`)}`;
    }
    case 'multi': {
      const flags = [...item.options, ...(item.exclusive ? [item.exclusive] : [])];
      const parts = flags.filter((f) => answers[f] === 1).map((f) => t(lang, `opt.${f}`));
      const self = item.selfText ? answers[item.selfText.variable] : undefined;
      if (self !== undefined) parts.push(String(self));
      return parts.length > 0 ? parts.join('; ') : t(lang, 'review.ticked.none');
    }
    default: {
      const v = answers[item.variable];
      return v === undefined ? none : String(v);
    }
  }
}

/** A section's questions with the answers given (or "No answer"). */
export function AnswerList({ lang, section, answers }: { lang: Lang; section: Section; answers: Answers }) {
  return (
    <dl>
      {visibleItems(section, answers).map((item) => (
        <>
          <dt>{t(lang, `q.${itemTextId(item, answers)}`)}</dt>
          <dd>{answerText(item, answers, lang)}</dd>
        </>
      ))}
    </dl>
  );
}

export interface ReviewProps {
  lang: Lang;
  sections: Section[];
  answers: Answers;
  notice?: string;
  hidden: HiddenFields;
}

export function reviewPage(p: ReviewProps): string {
  const l = p.lang;
  return render(
    <SurveyPage lang={l} title={t(l, 'review.title')} notice={p.notice}>
      <h1>{t(l, 'review.title')}</h1>
      <p>{t(l, 'review.lead')}</p>
      <FormFrame
        lang={l}
        hidden={p.hidden}
        buttons={[
          { value: 'submit', label: t(l, 'nav.submit') },
          { value: 'back', label: t(l, 'nav.back'), secondary: true },
        ]}
      >
        {p.sections.map((s) => {
          const title = t(l, `section.${s.id}.title`);
          return (
            <section class="review-section" aria-labelledby={`r-${s.id}`}>
              <h2 id={`r-${s.id}`}>{title}</h2>
              <AnswerList lang={l} section={s} answers={p.answers} />
              <button type="submit" name="_action" value={`goto:${s.id}`} class="secondary" aria-label={`${t(l, 'nav.change')}: ${title}`}>{t(l, 'nav.change')}</button>
            </section>
          );
        })}
      </FormFrame>
    </SurveyPage>,
  );
}
