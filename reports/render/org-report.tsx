// One organization's report: its orientation against the study's distribution, its staff's
// satisfaction, intent to leave and other roots against the study benchmark, its separation
// rates, the essay's three questions as a discussion guide, and what was withheld. Only
// this organization's figures and pooled study figures appear.
import type { OrganizationSummary } from '../../pipeline/results.js';
import { fmt, fmtInt, fmtPct, groupLabel, ordinal, SCALE_LABELS, scaleLabel, staffGroupLabel, TYPE_LABELS } from '../format.js';
import type { OrgContext } from '../org-context.js';
import { releaseAnswerTable } from '../../pipeline/answer-table.js';
import { ANSWER_CELLS, answerTableView, groupVisible, safeNote } from '../privacy.js';
import { bodyClass, Figure, ReportHead, SyntheticBanner } from './components.js';
import { orientationStripSvg, scalesSvg, type ScaleRow } from './org-charts.js';
import { OrgTrend } from './org-trend.js';

export const BRIDGE_QUESTIONS: { id: string; question: string; prompt: string }[] = [
  {
    id: 'br_1',
    question: 'Is there a dedicated effort to organize for the sake of organizing? Or is there only organizing for the purposes of mobilization?',
    prompt: 'Where does organizing happen here without a campaign deadline attached? Who protects that time?',
  },
  {
    id: 'br_2',
    question: 'Is there a dedicated effort to organize the people mobilized to act? Is there a process to push those mobilized back into the arms of organizers?',
    prompt: 'After an action, what happens to the people who turned out? Who follows up, and is that anyone’s job?',
  },
  {
    id: 'br_3',
    question: 'Is there a dedicated effort to mobilize those who are organized? Teasing out people that are engaged and pushing them to act.',
    prompt: 'How do people in your base move from being engaged to taking action? What makes that step easy or hard?',
  },
];

const OUTCOME_SCALES = ['satisfaction_score', 'intent_to_leave_score', 'culture_score', 'leadership_cb_score', 'decision_score', 'valued_score'];
const BAND_LABELS = { disagree: 'Disagree (1–2)', neutral: 'Neither (3)', agree: 'Agree (4–5)', no_answer: 'Did not answer' } as const;

function scaleRange(name: string): [number, number] {
  return SCALE_LABELS[name]?.range === '1–7' ? [1, 7] : [1, 5];
}

function comparison(own: number, bench: number | null, higherIsBetter: boolean | null): string {
  if (bench === null) return 'no study benchmark';
  const d = own - bench;
  if (Math.abs(d) < 0.05) return 'about the same as the study average';
  const dir = d > 0 ? 'above' : 'below';
  const tone = higherIsBetter === null ? '' : (d > 0) === higherIsBetter ? ' (better)' : ' (worse)';
  return `${fmt(Math.abs(d))} ${dir} the study average${tone}`;
}

export function renderOrgReport(org: OrganizationSummary, ctx: OrgContext): string {
  const k = ctx.k;
  const type = org.orientation_type ? TYPE_LABELS[org.orientation_type] : null;
  const scaleRows: (ScaleRow & { name: string })[] = OUTCOME_SCALES.flatMap((name) => {
    const own = org.scales[name];
    if (own === null || own === undefined) return [];
    const [min, max] = scaleRange(name);
    return [{ name, label: scaleLabel(name), min, max, own, benchmark: ctx.benchmarks[name]?.mean ?? null }];
  });
  const stripDesc =
    org.orientation_index === null || !ctx.index
      ? ''
      : `Your organization's orientation index is ${fmt(org.orientation_index, 2, true)}, at the ${ordinal(org.orientation_percentile)} percentile of ${fmtInt(ctx.index.count)} organizations; ` +
        `the study's middle half runs from ${fmt(ctx.index.q1, 2, true)} to ${fmt(ctx.index.q3, 2, true)}, median ${fmt(ctx.index.median, 2, true)}.`;
  const scalesDesc = scaleRows.map((r) => `${r.label}: your staff ${fmt(r.own)}, study average ${fmt(r.benchmark)}`).join('; ') + '.';
  const seps = Object.entries(org.separation_rates);
  const studySeps = ctx.studySeparation.filter((g) => groupVisible(g, k));
  const title = `Organization report — ${org.code}`;
  const page = (
    <html lang="en">
      <ReportHead title={title} />
      <body class={bodyClass(ctx.synthetic)}>
        <main>
          <SyntheticBanner synthetic={ctx.synthetic} />
          <header>
            <p class="muted">Rootwork · {ctx.studyName} · {ctx.waveName}</p>
            <h1>{title}</h1>
            <p class="lede">
              {fmtInt(org.respondents)} of your staff answered{org.response_rate !== null ? ` (${fmtPct(org.response_rate)} of your headcount)` : ''}.
              This report shows your staff’s answers only as averages and groups of at least {k} people, next to figures pooled across the
              whole study. No individual answer, and no other organization’s figures, appear here.
            </p>
          </header>

          <section id="orientation">
            <h2>Organizing and mobilizing</h2>
            <div class="cards">
              <div class="card"><span class="big">{fmt(org.organizing_score)}</span>organizing practices (1–5)</div>
              <div class="card"><span class="big">{fmt(org.mobilizing_score)}</span>mobilizing practices (1–5)</div>
              <div class="card"><span class="big">{fmt(org.orientation_index, 2, true)}</span>orientation index (organizing − mobilizing)</div>
              <div class="card"><span class="big">{type ?? '—'}</span>orientation type</div>
            </div>
            <p>
              {type
                ? `Your staff describe your organization as ${type}. `
                : ''}
              {org.orientation_percentile !== null &&
                `Its orientation index is higher than that of about ${fmtInt(org.orientation_percentile)}% of participating organizations (its percentile). `}
              Types use the study’s thresholds: organizing-focused at an index of {fmt(ctx.thresholds.organizing, 2, true)} or more,
              mobilizing-focused at {fmt(ctx.thresholds.mobilizing, 2, true)} or less, otherwise integrated when both scores are at least{' '}
              {fmt(ctx.thresholds.integrated_mean)}, and low-intensity if not.
            </p>
            {org.orientation_index !== null && ctx.index && (
              <Figure
                name="orientation-strip"
                svg={orientationStripSvg(org.orientation_index, ctx.index, 'Your orientation index against the study', stripDesc)}
                description={stripDesc}
                table={{
                  caption: 'Orientation index: your organization and the study',
                  columns: ['', 'Orientation index'],
                  rows: [
                    ['Your organization', fmt(org.orientation_index, 2, true)],
                    ['Study: 25th percentile', fmt(ctx.index.q1, 2, true)],
                    ['Study: median', fmt(ctx.index.median, 2, true)],
                    ['Study: 75th percentile', fmt(ctx.index.q3, 2, true)],
                  ],
                }}
              />
            )}
            {org.self_assessment && (
              <p>
                In your profile, your organization rated itself {fmt(org.self_assessment.organizing_score)} on organizing and{' '}
                {fmt(org.self_assessment.mobilizing_score)} on mobilizing; your staff’s averages are {fmt(org.organizing_score)} and{' '}
                {fmt(org.mobilizing_score)}. A gap between the two is worth talking about.
              </p>
            )}
          </section>

          <section id="staff">
            <h2>Satisfaction, intent to leave and other roots</h2>
            {scaleRows.length > 0 ? (
              <Figure
                name="scales"
                svg={scalesSvg(scaleRows, 'Your staff against the study average', scalesDesc)}
                description={`Study average: the mean over participating organizations with at least ${k} respondents, each counted once. ${scalesDesc}`}
                table={{
                  caption: 'Staff means and the study average',
                  columns: ['Scale', 'Your staff', 'Study average', 'Compared with the study'],
                  rows: scaleRows.map((r) => [
                    `${r.label} (${r.min}–${r.max})`,
                    fmt(r.own),
                    fmt(r.benchmark),
                    comparison(r.own, r.benchmark, SCALE_LABELS[r.name]?.higherIsBetter ?? null),
                  ]),
                }}
              />
            ) : (
              <p>No scale could be shown: too few of your staff answered these questions.</p>
            )}
          </section>

          <OrgTrend org={org} k={k} />

          <section id="separations">
            <h2>Separations in the last 12 months</h2>
            {seps.length > 0 ? (
              <table>
                <caption>From your organization profile: separations ÷ mean of start and end headcount</caption>
                <thead><tr><th scope="col">Staff group</th><th scope="col" class="num">Separations</th><th scope="col" class="num">Mean headcount</th><th scope="col" class="num">Rate</th></tr></thead>
                <tbody>
                  {seps.map(([g, r]) => (
                    <tr><th scope="row">{staffGroupLabel(g)}</th><td class="num">{fmtInt(r.separations)}</td><td class="num">{fmt(r.mean_headcount, 1)}</td><td class="num">{fmtPct(r.rate, 1)}</td></tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>Your organization profile was not filled in, so there are no separation rates for it.</p>
            )}
            {studySeps.length > 0 && (
              <table>
                <caption>Study-wide separation rates of organizers of color by orientation type, pooled over all organizations</caption>
                <thead><tr><th scope="col">Group</th><th scope="col" class="num">Rate</th><th scope="col" class="num">95% CI</th></tr></thead>
                <tbody>
                  {studySeps.map((g) => (
                    <tr><th scope="row">{groupLabel(g.group).label}</th><td class="num">{fmtPct(g.mean, 1)}</td><td class="num">{fmtPct(g.ci_low, 1)} to {fmtPct(g.ci_high, 1)}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section id="discussion">
            <h2>Discussion guide: the essay’s three questions</h2>
            <p>
              Marty Kearns’s essay <cite>Organizing or Mobilizing</cite> asks three questions of any campaign. Your staff rated each from 1
              (strongly disagree) to 5 (strongly agree). Use them to open a conversation with staff and leaders.
            </p>
            {BRIDGE_QUESTIONS.map((q, i) => {
              const b = org.bridge[q.id];
              // The released table adds up to the staff who took the survey; results written before
              // it existed have only the 1–5 counts, from which the same rule builds it.
              const table = answerTableView(b?.table ?? (b?.counts && org.respondents !== null ? releaseAnswerTable(b.counts, org.respondents, k).table : null), k);
              const self = org.self_assessment?.bridge[q.id] ?? null;
              return (
                <div class="question" data-question={q.id}>
                  <h3>Question {i + 1}</h3>
                  <blockquote>{q.question}</blockquote>
                  <p>
                    Your staff’s average: <strong>{fmt(b?.mean ?? null)}</strong> of 5
                    {self !== null && <> · your profile’s self-assessment: <strong>{fmt(self, 0)}</strong> of 5</>}
                  </p>
                  {table && (
                    <table data-answer-table={q.id}>
                      <caption>How your {fmtInt(table.total)} staff who took the survey answered (groups under {k} are not shown)</caption>
                      <thead><tr>{ANSWER_CELLS.map((c) => <th scope="col" class="num">{BAND_LABELS[c]}</th>)}<th scope="col" class="num">All</th></tr></thead>
                      <tbody>
                        <tr>
                          {ANSWER_CELLS.map((c) => (
                            <td class="num">{c === 'no_answer' && table.no_answer_in ? 'counted with Neither' : table.cells[c] === null ? 'not shown' : <data class="count" value={String(table.cells[c])}>{fmtInt(table.cells[c])}</data>}</td>
                          ))}
                          <td class="num"><data class="total" value={String(table.total)}>{fmtInt(table.total)}</data></td>
                        </tr>
                      </tbody>
                    </table>
                  )}
                  {table?.withheld && <p class="muted">Not shown: {safeNote(table.withheld.reason, k)}.</p>}
                  {table?.no_answer_in && <p class="muted">Fewer than {k} people skipped this question: they are counted with “Neither”.</p>}
                  <p><strong>To discuss:</strong> {q.prompt}</p>
                </div>
              );
            })}
          </section>

          <section id="withheld">
            <h2>What was withheld, and why</h2>
            <p>
              To keep every answer anonymous, no figure here rests on fewer than {k} of your staff. When fewer than {k} people were in a
              group, or when showing one number would let someone work out a hidden one, it is marked “not shown”.
            </p>
            {org.suppressed.length > 0 ? (
              <ul>{org.suppressed.map((s) => <li>{s}</li>)}</ul>
            ) : (
              <p>Nothing else was withheld from this report.</p>
            )}
          </section>

          <footer>Generated by Rootwork on {ctx.generatedOn}. Organization codes are pseudonymous.</footer>
        </main>
      </body>
    </html>
  );
  return '<!DOCTYPE html>' + page.toString();
}
