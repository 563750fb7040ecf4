// The error summary at the top of a page: every problem as a link to its field. It takes
// focus when the page loads (autofocus), so a screen reader announces it at once.
import { t } from '../../../instrument/i18n.js';
import type { Lang } from '../../../instrument/types.js';

export interface SummaryEntry {
  href: string;
  label: string;
  message: string;
}

export function ErrorSummary({ lang, entries }: { lang: Lang; entries: SummaryEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{t(lang, 'errors.title')}</h2>
      <p>{t(lang, 'errors.lead')}</p>
      <ul>
        {entries.map((e) => (
          <li><a href={e.href}>{e.label} – {e.message}</a></li>
        ))}
      </ul>
    </div>
  );
}
