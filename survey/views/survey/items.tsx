// One question as form controls: a fieldset with a legend for every choice question, a
// label for every box, errors tied to their field (aria-describedby) and the answer so
// far pre-filled, so Back, a language switch or an error never loses anything.
import { itemTextId } from '../../../instrument/display.js';
import { hasText, t } from '../../../instrument/i18n.js';
import type { Answers, Item, Lang } from '../../../instrument/types.js';

export type FieldErrors = Record<string, string>;

export interface ItemProps {
  item: Item;
  lang: Lang;
  answers: Answers;
  errors: FieldErrors;
}

/** The id an error summary links to: the item's first control. */
export function fieldId(item: Item): string {
  switch (item.kind) {
    case 'single':
      return `f-${item.variable}-${item.options[0]}`;
    case 'likert':
      return `f-${item.variable}-${item.min}`;
    case 'multi':
      return `f-${item.options[0]}`;
    default:
      return `f-${item.variable}`;
  }
}

function Marker({ lang, required }: { lang: Lang; required: boolean }) {
  return <span class="marker">{' '}{t(lang, required ? 'required' : 'optional')}</span>;
}

function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? <p class="error" id={id}>{message}</p> : null;
}

function Help({ id, lang, textKey }: { id: string; lang: Lang; textKey: string }) {
  return hasText(textKey) ? <p class="help" id={id}>{t(lang, textKey)}</p> : null;
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export function ItemField({ item, lang, answers, errors }: ItemProps) {
  const textId = itemTextId(item, answers);
  const helpKey = `q.${item.id}.help`;
  const helpId = hasText(helpKey) ? `h-${item.id}` : undefined;
  switch (item.kind) {
    case 'single':
    case 'likert': {
      const values = item.kind === 'single' ? item.options : Array.from({ length: item.max - item.min + 1 }, (_, i) => String(item.min + i));
      const label = (v: string) => (item.kind === 'single' ? t(lang, `opt.${item.variable}.${v}`) : t(lang, `anchor.${item.anchors}.${v}`));
      const error = errors[item.variable];
      const errId = `e-${item.variable}`;
      const self = item.kind === 'single' ? item.selfDescribe : undefined;
      const selfError = self ? errors[self.variable] : undefined;
      return (
        <div class={`question ${item.kind}${error ? ' has-error' : ''}`}>
          <fieldset aria-describedby={describedBy(helpId, error && errId)}>
            <legend>{t(lang, `q.${textId}`)}<Marker lang={lang} required={item.required} /></legend>
            <Help id={helpId ?? ''} lang={lang} textKey={helpKey} />
            <ErrorText id={errId} message={error} />
            <div class={item.kind === 'likert' ? 'scale' : 'options'}>
              {values.map((v) => (
                <label for={`f-${item.variable}-${v}`}>
                  <input type="radio" id={`f-${item.variable}-${v}`} name={item.variable} value={v} checked={String(answers[item.variable] ?? '') === v} required={item.required} aria-invalid={error ? 'true' : undefined} />
                  <span>{label(v)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {self && (
            <div class="self-describe">
              <label for={`f-${self.variable}`}>{t(lang, `q.${self.variable}`)}</label>
              <ErrorText id={`e-${self.variable}`} message={selfError} />
              <input type="text" id={`f-${self.variable}`} name={self.variable} maxlength={self.maxLength} value={String(answers[self.variable] ?? '')} aria-describedby={describedBy(selfError && `e-${self.variable}`)} />
            </div>
          )}
        </div>
      );
    }
    case 'multi': {
      const flags = [...item.options, ...(item.exclusive ? [item.exclusive] : [])];
      const error = errors[item.id];
      const errId = `e-${item.id}`;
      const selfText = item.selfText;
      const selfError = selfText ? errors[selfText.variable] : undefined;
      return (
        <div class={`question multi${error ? ' has-error' : ''}`}>
          <fieldset aria-describedby={describedBy(helpId, error && errId)}>
            <legend>{t(lang, `q.${item.id}`)}<Marker lang={lang} required={item.required} /></legend>
            <Help id={helpId ?? ''} lang={lang} textKey={helpKey} />
            <ErrorText id={errId} message={error} />
            <div class="options">
              {flags.map((flag) => (
                <label for={`f-${flag}`} class={flag === item.exclusive ? 'exclusive' : undefined}>
                  <input type="checkbox" id={`f-${flag}`} name={flag} value="1" checked={answers[flag] === 1} aria-invalid={error ? 'true' : undefined} />
                  <span>{t(lang, `opt.${flag}`)}</span>
                </label>
              ))}
            </div>
            {selfText && (
              <div class="self-describe">
                <label for={`f-${selfText.variable}`}>{t(lang, `q.${selfText.variable}`)}</label>
                <ErrorText id={`e-${selfText.variable}`} message={selfError} />
                <input type="text" id={`f-${selfText.variable}`} name={selfText.variable} maxlength={selfText.maxLength} value={String(answers[selfText.variable] ?? '')} aria-describedby={describedBy(selfError && `e-${selfText.variable}`)} />
              </div>
            )}
          </fieldset>
        </div>
      );
    }
    case 'integer':
    case 'textarea': {
      const error = errors[item.variable];
      const errId = `e-${item.variable}`;
      const id = `f-${item.variable}`;
      const value = String(answers[item.variable] ?? '');
      const common = { id, name: item.variable, 'aria-describedby': describedBy(helpId, error && errId), 'aria-invalid': error ? 'true' : undefined };
      return (
        <div class={`question ${item.kind}${error ? ' has-error' : ''}`}>
          <label for={id} class="question-label">{t(lang, `q.${item.id}`)}<Marker lang={lang} required={item.required} /></label>
          <Help id={helpId ?? ''} lang={lang} textKey={helpKey} />
          <ErrorText id={errId} message={error} />
          {item.kind === 'integer'
            ? <input {...common} type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="off" class="short" value={value} required={item.required} />
            : <textarea {...common} rows={6} maxlength={item.maxLength}>{value}</textarea>}
        </div>
      );
    }
  }
}
