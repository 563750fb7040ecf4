// The form every step shares: the signed answers so far, the CSRF token, the page's
// content, then the navigation and the language switch. The switch comes after Next in
// the page so that pressing Enter in a field means Next, never a language change.
import type { Child } from 'hono/jsx';
import { t } from '../../../instrument/i18n.js';
import type { Lang } from '../../../instrument/types.js';

export interface HiddenFields {
  action: string;
  state: string;
  csrf: string;
}

export interface NavButton {
  value: string;
  label: string;
  secondary?: boolean;
}

export function FormFrame({ lang, hidden, buttons, children }: { lang: Lang; hidden: HiddenFields; buttons: NavButton[]; children?: Child }) {
  const other = t(lang, 'lang.switchTo') as Lang;
  return (
    <form method="post" action={hidden.action} novalidate class="survey-form">
      <input type="hidden" name="_csrf" value={hidden.csrf} />
      <input type="hidden" name="_state" value={hidden.state} />
      {children}
      <div class="nav-buttons">
        {buttons.map((b) => (
          <button type="submit" name="_action" value={b.value} class={b.secondary ? 'secondary' : undefined}>{b.label}</button>
        ))}
      </div>
      <div class="survey-lang">
        <span id="lang-label" class="muted">{t(lang, 'lang.label')}:</span>{' '}
        <button type="submit" name="_action" value={`lang:${other}`} lang={other} class="link-button" aria-describedby="lang-label">{t(lang, 'lang.switch')}</button>
      </div>
    </form>
  );
}
