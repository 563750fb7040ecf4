// An organization's own change since its previous published wave: each measure then and
// now, the change with its 95% interval and a plain verdict ('higher', 'lower', 'about the
// same'); or, when there is no change figure, why (`trend_note`). Nothing when the study
// has no earlier wave for this organization to be compared with (both fields null).
import { fmt } from '../format.js';
import type { OrganizationSummary } from '../../pipeline/results.js';
import { changeFigure, changeVerdict, reasonText } from './trends.js';

/** The pipeline's note as the end of "There is no change figure for your organization: …". */
function noteText(note: string, k: number): string {
  const why = reasonText(note, k).replace(/[\s:;,.]*no change figure$/i, '');
  return /^[A-Z][a-z]/.test(why) ? why[0].toLowerCase() + why.slice(1) : why;
}

export function OrgTrend({ org, k }: { org: OrganizationSummary; k: number }) {
  const trend = org.trend ?? null;
  const note = org.trend_note ?? null;
  if (!trend && !note) return null;
  return (
    <section id="trend">
      <h2>Change since your previous wave</h2>
      {trend ? (
        <>
          <p>
            Your staff’s answers now, next to theirs in {trend.previous_wave_name}. Each wave asks whoever is on staff at the time, so
            a change can come from new people as well as from changed views. A change is called “higher” or “lower” only when its
            95% confidence interval excludes no change; otherwise it is “about the same”.
          </p>
          <table data-org-trend="true">
            <caption>Your organization: {trend.previous_wave_name} and now</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col" class="num">{trend.previous_wave_name}</th>
                <th scope="col" class="num">Now</th>
                <th scope="col">Change (95% CI)</th>
              </tr>
            </thead>
            <tbody>
              {trend.measures.map((m) => {
                const verdict = changeVerdict(m.change, false);
                return (
                  <tr data-measure={m.id}>
                    <th scope="row">{m.label}</th>
                    <td class="num">{fmt(m.previous)}</td>
                    <td class="num">{fmt(m.current)}</td>
                    <td>
                      {verdict === null ? (
                        <>not shown{m.change.withheld ? `: ${reasonText(m.change.withheld.reason, k)}` : ''}</>
                      ) : (
                        <><strong class="trend-verdict" data-verdict={verdict}>{verdict}</strong>, {changeFigure(m.change, false)}</>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : (
        <p data-trend-note="true">There is no change figure for your organization: {noteText(note ?? '', k)}.</p>
      )}
    </section>
  );
}
