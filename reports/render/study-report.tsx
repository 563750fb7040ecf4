// The study report. First screen, for a funder with five minutes: the five confirmatory
// findings each with its estimate, 95% CI and a plain verdict, participation, and what to
// do next. Then the detail: each finding in full, the funder study it repeats, charts with
// their data, exploratory leads, measurement quality, and the appendices (methods,
// privacy, glossary).
import type { Results } from '../../pipeline/results.js';
import { allFindings, SHORT_VERDICTS, type Finding } from '../findings.js';
import { fmt, fmtCi, fmtInt, fmtPct, plainText } from '../format.js';
import { nextSteps } from '../next-steps.js';
import { countText } from '../privacy.js';
import type { ChartDef, DataTable } from '../study-charts.js';
import { Glossary, MethodsAppendix, PrivacyAppendix } from './appendices.js';
import { bodyClass, Figure, FindingView, ReportHead, SyntheticBanner, TableView } from './components.js';
import { FunderEcho } from './funder-echo.js';
import { TrendsSection } from './trends.js';

/** The study's respondents; when the total is withheld, the reportable organizations' sum as "more than". */
function respondentsText(p: Results['participation'], k: number): string {
  if (p.respondents !== null) return countText(p.respondents, k, fmtInt);
  return p.respondents_reportable != null ? `more than ${fmtInt(p.respondents_reportable)}` : `fewer than ${k}`;
}

export interface RenderedChart {
  def: ChartDef;
  svg: string;
}

function Glance({ findings }: { findings: Finding[] }) {
  return (
    <ol class="glance">
      {findings.map((f) => (
        <li class={`glance-item ${f.verdict}`} data-glance={f.id}>
          <p class="q">
            <span class="h">{f.heading.split(' ·')[0]}</span> {f.question ?? f.heading}
          </p>
          <p class="a"><strong>{SHORT_VERDICTS[f.verdict]}.</strong> {f.glance ?? ''}</p>
        </li>
      ))}
    </ol>
  );
}

function measurementTable(results: Results): DataTable {
  const k = results.study.k;
  return {
    caption: 'Measurement quality',
    columns: ['Measure', 'Value', '95% CI', 'Respondents (organizations)'],
    rows: results.measurement.map((e) => [
      plainText(e.label, k),
      e.suppressed ? 'withheld' : fmt(e.estimate),
      e.suppressed ? '—' : fmtCi(e.ci_low, e.ci_high),
      e.suppressed || e.n === null ? '—' : `${fmtInt(e.n)} (${fmtInt(e.n_orgs)})`,
    ]),
  };
}

export function renderStudyReport(results: Results, charts: RenderedChart[]): string {
  const k = results.study.k;
  const findings = allFindings(results.confirmatory, results.exploratory, k);
  const p = results.participation;
  const chart = (name: string) => charts.filter((c) => c.def.name === name || c.def.name.startsWith(name + '-'));
  const figures = (list: RenderedChart[]) => list.map((c) => <Figure name={c.def.name} svg={c.svg} description={c.def.description} caption={c.def.caption} table={c.def.table} />);
  const title = `${results.study.study_name}: ${results.study.wave_name}`;
  const rate = p.overall_response_rate === null ? '' : ` (${fmtPct(p.overall_response_rate)} of staff)`;
  const page = (
    <html lang="en" data-report="study">
      <ReportHead title={`Study report — ${title}`} />
      <body class={bodyClass(results.run.synthetic)}>
        <main>
          <SyntheticBanner synthetic={results.run.synthetic} />
          <header>
            <p class="muted">Rootwork study report</p>
            <h1>{title}</h1>
          </header>

          <section id="summary" aria-labelledby="summary-h">
            <h2 id="summary-h">The five questions, answered</h2>
            <p class="lede">
              {respondentsText(p, k)} staff of {fmtInt(p.organizations)} organizations answered{rate}. The five questions were fixed
              before the data came in; they repeat a funder’s earlier study of why organizers of color leave. Each answer gives the
              best estimate and its 95% confidence interval (CI), the range the true value most likely lies in.
            </p>
            <Glance findings={findings.confirmatory} />
            <p class="muted">
              These are patterns at one point in time, not proof of cause. To protect anonymity, groups of fewer than {k} people are
              never shown.
            </p>
            <h3>What to do next</h3>
            <ul class="next">{nextSteps(results, findings.confirmatory).map((s) => <li>{s}</li>)}</ul>
          </section>

          <section id="findings">
            <h2>The five findings in full</h2>
            {findings.confirmatory.map((f) => <FindingView finding={f} />)}
          </section>

          <TrendsSection results={results} charts={charts} />

          <FunderEcho results={results} findings={findings.confirmatory} />

          <section id="charts">
            <h2>The picture in charts</h2>
            {figures(chart('orientation-map'))}
            {figures(chart('outcome'))}
            {figures(chart('separation-rates'))}
            {figures(chart('retention'))}
          </section>

          <section id="exploratory">
            <h2>Exploratory leads <span class="tag">Exploratory</span></h2>
            <p>
              These were not fixed in advance, and many were tested, so each p-value is adjusted for the number of tests (Holm’s
              method). Treat them as leads for the next wave, not conclusions.
            </p>
            {figures(chart('other-roots'))}
            {findings.exploratory.map((f) => <FindingView finding={f} />)}
          </section>

          <section id="quality">
            <h2>Participation and measurement quality</h2>
            <div class="cards">
              <div class="card"><span class="big">{respondentsText(p, k)}</span>respondents</div>
              <div class="card"><span class="big">{fmtInt(p.organizations)}</span>organizations took part</div>
              <div class="card"><span class="big">{fmtInt(p.organizations_reportable)}</span>with at least {k} respondents (an organization report)</div>
              <div class="card"><span class="big">{fmtInt(p.organizations_with_profile)}</span>filled in the organization profile</div>
              <div class="card"><span class="big">{fmtPct(p.overall_response_rate)}</span>overall response rate</div>
            </div>
            {figures(chart('participation'))}
            <p>
              Reliability (Cronbach’s alpha) shows whether a scale’s questions hang together. ICC and agreement (r<sub>wg(j)</sub>)
              show whether staff of one organization agree enough to speak of an organization’s score; 0.7 or more is the usual bar.
            </p>
            <TableView table={measurementTable(results)} />
          </section>

          <MethodsAppendix results={results} />
          <PrivacyAppendix results={results} />
          <Glossary k={k} />

          <footer>
            Generated by Rootwork {results.run.rootwork_version} on {results.run.generated_on} from results.json (data fingerprint{' '}
            <span class="hash">{results.run.data_fingerprint}</span>). Charts are also saved as vega-lite specifications in charts/.
          </footer>
        </main>
      </body>
    </html>
  );
  return '<!DOCTYPE html>' + page.toString();
}
