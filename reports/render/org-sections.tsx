// The organization report's later sections: breakdowns within the organization, separations
// from its profile, the essay's three questions as a discussion guide. Each takes the
// report's words (org-text.ts), so the same markup serves English and Spanish.
import type { OrganizationSummary } from '../../pipeline/results.js';
import { releaseAnswerTable } from '../../pipeline/answer-table.js';
import { fmt, fmtInt, fmtPct, groupLabel } from '../format.js';
import type { OrgContext } from '../org-context.js';
import type { OrgText } from '../org-text.js';
import { ANSWER_CELLS, answerTableView, groupVisible } from '../privacy.js';

/** A separation rate is shown only for a group of at least this mean headcount (pipeline/org-breakdowns.ts). */
export const MIN_RATE_HEADCOUNT = 5;

export function Breakdowns({ org, k, t }: { org: OrganizationSummary; k: number; t: OrgText }) {
  const list = org.breakdowns ?? [];
  if (list.length === 0) return null;
  const any = list.some((b) => b.cells.some((c) => c.mean !== null));
  return (
    <section id="breakdowns">
      <h2>{t.breakdownH}</h2>
      <p>{t.breakdownIntro(k)}</p>
      {any ? (
        list.map((b) => (
          <table data-breakdown={`${b.measure}.${b.by}`}>
            <caption>{t.breakdownCaption(t.measures[b.measure] ?? b.measure, b.by)}</caption>
            <thead><tr><th scope="col">{t.breakdownCols[0]}</th><th scope="col" class="num">{t.breakdownCols[1]}</th></tr></thead>
            <tbody>
              {b.cells.map((c) => (
                <tr data-group={c.group}>
                  <th scope="row">{t.breakdownGroups[c.group]}</th>
                  <td class="num">{c.mean === null ? t.notShown : fmt(c.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))
      ) : (
        <p>{t.breakdownNone}</p>
      )}
    </section>
  );
}

export function Separations({ org, ctx, t }: { org: OrganizationSummary; ctx: OrgContext; t: OrgText }) {
  const k = ctx.k;
  const seps = Object.entries(org.separation_rates);
  const studySeps = ctx.studySeparation.filter((g) => groupVisible(g, k));
  // Results written before the size rule: a rate over a small group is still not shown.
  const small = (r: (typeof seps)[number][1]) => r.small_group === true || r.mean_headcount < MIN_RATE_HEADCOUNT;
  return (
    <section id="separations">
      <h2>{t.separationsH}</h2>
      {seps.length > 0 ? (
        <>
          <table data-separations="">
            <caption>{t.separationsCaption}</caption>
            <thead><tr>{t.separationsCols.map((c, i) => <th scope="col" class={i > 0 ? 'num' : undefined}>{c}</th>)}</tr></thead>
            <tbody>
              {seps.map(([g, r]) => (
                <tr data-staff-group={g}>
                  <th scope="row">{t.staffGroups[g] ?? g}</th>
                  <td class="num">{small(r) ? `${countIn(r.separations, k, t)} / ${countIn(r.mean_headcount, k, t)}` : `${fmtInt(r.separations)} / ${fmt(r.mean_headcount, 1)}`}</td>
                  <td class="num">{small(r) || r.rate === null ? t.smallGroup : fmtPct(r.rate, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">{t.separationsRule(MIN_RATE_HEADCOUNT, k)}</p>
        </>
      ) : (
        <p>{t.noProfile}</p>
      )}
      {studySeps.length > 0 && (
        <table>
          <caption>{t.studySepCaption}</caption>
          <thead><tr>{t.studySepCols.map((c, i) => <th scope="col" class={i > 0 ? 'num' : undefined}>{c}</th>)}</tr></thead>
          <tbody>
            {studySeps.map((g) => {
              const { type, race } = splitGroup(g.group);
              return (
                <tr><th scope="row">{type ? `${t.types[type as keyof OrgText['types']] ?? type}${race ? ` · ${race === 'poc' ? t.breakdownGroups.poc : t.breakdownGroups.white}` : ''}` : groupLabel(g.group).label}</th><td class="num">{fmtPct(g.mean, 1)}</td><td class="num">{fmtPct(g.ci_low, 1)} {t.to} {fmtPct(g.ci_high, 1)}</td></tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A count from a small group's profile: itself when 0 or at least k, otherwise "fewer than k" (a mean headcount of 2.5 included). */
function countIn(n: number, k: number, t: OrgText): string {
  return n === 0 || n >= k ? fmt(n, Number.isInteger(n) ? 0 : 1) : t.fewerThan(k);
}

/** "organizing · poc" → its parts, so each language labels them. */
function splitGroup(group: string): { type: string | null; race: string | null } {
  const [type, race] = group.split(' · ');
  return { type: type ?? null, race: race ?? null };
}

const QUESTIONS = ['br_1', 'br_2', 'br_3'];

export function Discussion({ org, k, t }: { org: OrganizationSummary; k: number; t: OrgText }) {
  return (
    <section id="discussion">
      <h2>{t.discussionH}</h2>
      <p>{t.discussionIntro}</p>
      {QUESTIONS.map((id, i) => {
        const q = t.questions[id];
        const b = org.bridge[id];
        // The released table adds up to the staff who took the survey; results written before
        // it existed have only the 1–5 counts, from which the same rule builds it.
        const table = answerTableView(b?.table ?? (b?.counts && org.respondents !== null ? releaseAnswerTable(b.counts, org.respondents, k).table : null), k);
        const self = org.self_assessment?.bridge[id] ?? null;
        return (
          <div class="question" data-question={id}>
            <h3>{t.question(i + 1)}</h3>
            <blockquote>{q.question}</blockquote>
            <p>
              {t.staffAverage} <strong>{fmt(b?.mean ?? null)}</strong> {t.ofFive}
              {self !== null && <> · {t.selfAverage} <strong>{fmt(self, 0)}</strong> {t.ofFive}</>}
            </p>
            {table && (
              <table data-answer-table={id}>
                <caption>{t.tableCaption(fmtInt(table.total), k)}</caption>
                {/* One row per answer, so the table fits a phone in either language. */}
                <thead><tr><th scope="col">{t.answerCols[0]}</th><th scope="col" class="num">{t.answerCols[1]}</th></tr></thead>
                <tbody>
                  {ANSWER_CELLS.map((c) => (
                    <tr>
                      <th scope="row">{t.bands[c]}</th>
                      <td class="num">{c === 'no_answer' && table.no_answer_in ? t.countedWithNeither : table.cells[c] === null ? t.notShown : <data class="count" value={String(table.cells[c])}>{fmtInt(table.cells[c])}</data>}</td>
                    </tr>
                  ))}
                  <tr><th scope="row">{t.all}</th><td class="num"><data class="total" value={String(table.total)}>{fmtInt(table.total)}</data></td></tr>
                </tbody>
              </table>
            )}
            {table?.withheld && <p class="muted">{t.tableNotShown(k)}</p>}
            {table?.no_answer_in && <p class="muted">{t.skippedMerged(k)}</p>}
            <p><strong>{t.toDiscuss}</strong> {q.prompt}</p>
          </div>
        );
      })}
    </section>
  );
}
