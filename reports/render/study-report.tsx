// The study report: findings first (confirmatory H1–H5, then exploratory), the funder study
// it repeats, charts with their data, participation and measurement quality, appendices.
import type { Results } from '../../pipeline/results.js';
import { allFindings, VERDICT_LABELS } from '../findings.js';
import { fmtInt, fmtPct } from '../format.js';
import { countText } from '../privacy.js';
import type { ChartDef } from '../study-charts.js';
import { MethodsAppendix, PrivacyAppendix } from './appendices.js';
import { bodyClass, EstimateTable, Figure, FindingView, ReportHead, SyntheticBanner } from './components.js';
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

export function renderStudyReport(results: Results, charts: RenderedChart[]): string {
  const k = results.study.k;
  const findings = allFindings(results.confirmatory, results.exploratory, k);
  const p = results.participation;
  const chart = (name: string) => charts.filter((c) => c.def.name === name || c.def.name.startsWith(name + '-'));
  const figures = (list: RenderedChart[]) => list.map((c) => <Figure name={c.def.name} svg={c.svg} description={c.def.description} table={c.def.table} />);
  const title = `${results.study.study_name}: ${results.study.wave_name}`;
  const page = (
    <html lang="en">
      <ReportHead title={`Study report — ${title}`} />
      <body class={bodyClass(results.run.synthetic)}>
        <main>
          <SyntheticBanner synthetic={results.run.synthetic} />
          <header>
            <p class="muted">Rootwork study report</p>
            <h1>{title}</h1>
            <p class="lede">
              {respondentsText(p, k)} staff of {fmtInt(p.organizations)} organizations answered. Every figure rests on at least{' '}
              {k} respondents; estimates come with 95% confidence intervals, the range of values the data are consistent with.
            </p>
          </header>

          <section id="findings">
            <h2>What we found</h2>
            <p>
              The five confirmatory questions below were fixed before the data came in; they repeat the funder study this project
              comes from. Where an interval includes “no difference”, we say there is no clear difference: the data cannot tell
              the groups apart. These are associations at one point in time, not proof of cause.
            </p>
            <ul class="glance">
              {findings.confirmatory.map((f) => <li><strong>{f.heading}{f.heading.endsWith('?') ? '' : ':'}</strong> {VERDICT_LABELS[f.verdict].toLowerCase()}.</li>)}
            </ul>
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
            <h2>Exploratory results <span class="tag">Exploratory</span></h2>
            <p>
              These were not fixed in advance. Their p-values are Holm-adjusted for the number of exploratory tests; treat them as
              leads for the next wave, not conclusions.
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
              Reliability (Cronbach’s alpha) shows whether a scale’s items hang together; ICC(1), ICC(2) and r<sub>wg(j)</sub> show
              whether staff of one organization agree enough for an organization-level score (ICC(2) and r<sub>wg(j)</sub> of 0.7 or
              more are the usual bar).
            </p>
            <EstimateTable caption="Measurement quality" estimates={results.measurement} k={k} />
          </section>

          <section id="tables">
            <h2>All estimates</h2>
            <EstimateTable caption="Confirmatory hypotheses H1–H5" estimates={results.confirmatory} k={k} />
            <EstimateTable caption="Exploratory estimates (Holm-adjusted p)" estimates={results.exploratory} holm k={k} />
          </section>

          <MethodsAppendix results={results} />
          <PrivacyAppendix results={results} />

          <footer>
            Generated by Rootwork {results.run.rootwork_version} on {results.run.generated_on} from results.json (data fingerprint{' '}
            {results.run.data_fingerprint}). Charts are also saved as vega-lite specifications in charts/.
          </footer>
        </main>
      </body>
    </html>
  );
  return '<!DOCTYPE html>' + page.toString();
}
