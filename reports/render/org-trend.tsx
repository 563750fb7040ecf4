// An organization's own change since its previous published wave: each measure then and
// now, the change with its 95% interval and a plain verdict ('higher', 'lower', 'about the
// same'); or, when there is no change figure, why (`trend_note`). Nothing when the study
// has no earlier wave for this organization to be compared with (both fields null). In
// English or Spanish, as the rest of the organization report (org-trend-text.ts).
import { fmt } from '../format.js';
import type { OrganizationSummary } from '../../pipeline/results.js';
import { ORG_TREND_TEXT, type TrendLang } from './org-trend-text.js';
import { changeVerdict, reasonText } from './trends.js';

/** The pipeline's note as the end of "There is no change figure for your organization: …". */
function noteText(note: string, k: number): string {
  const why = reasonText(note, k).replace(/[\s:;,.]*no change figure$/i, '');
  return /^[A-Z][a-z]/.test(why) ? why[0].toLowerCase() + why.slice(1) : why;
}

/** `lang`: the organization report's language (English unless the contact chose Spanish). */
export function OrgTrend({ org, k, lang = 'en' }: { org: OrganizationSummary; k: number; lang?: TrendLang }) {
  const t = ORG_TREND_TEXT[lang];
  const trend = org.trend ?? null;
  const note = org.trend_note ?? null;
  if (!trend && !note) return null;
  return (
    <section id="trend">
      <h2>{t.heading}</h2>
      {trend ? (
        <>
          <p>{t.intro(trend.previous_wave_name)}</p>
          <table data-org-trend="true">
            <caption>{t.caption(trend.previous_wave_name)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.cols.measure}</th>
                <th scope="col" class="num">{trend.previous_wave_name}</th>
                <th scope="col" class="num">{t.cols.now}</th>
                <th scope="col">{t.cols.change}</th>
              </tr>
            </thead>
            <tbody>
              {trend.measures.map((m) => {
                const verdict = changeVerdict(m.change, false);
                const c = m.change;
                return (
                  <tr data-measure={m.id}>
                    <th scope="row">{t.measure(m.id, m.label)}</th>
                    <td class="num">{fmt(m.previous)}</td>
                    <td class="num">{fmt(m.current)}</td>
                    <td>
                      {verdict === null ? (
                        <>{t.notShown}{c.withheld && t.reason ? `: ${t.reason(reasonText(c.withheld.reason, k))}` : ''}</>
                      ) : (
                        <>
                          <strong class="trend-verdict" data-verdict={verdict}>{t.verdicts[verdict]}</strong>,{' '}
                          {c.ci_low !== null && c.ci_high !== null ? t.figure(fmt(c.estimate, 2, true), fmt(c.ci_low, 2, true), fmt(c.ci_high, 2, true)) : fmt(c.estimate, 2, true)}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : (
        <p data-trend-note="true">{t.noFigure(noteText(note ?? '', k))}</p>
      )}
    </section>
  );
}
