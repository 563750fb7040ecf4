// Admin pages for reports: the list of pipeline runs found in the reports folder, and one
// run's page linking its study report, chart specs and organization reports.
import type { RunInfo } from '../../../reports/runs.js';
import { AdminShell } from '../admin/shell.js';

export function runsPage({ runs, skipped, csrf }: { runs: RunInfo[]; skipped: string[]; csrf?: string }) {
  return AdminShell({
    title: 'Reports',
    csrf,
    errors: skipped.map((s) => ({ field: '', message: s })),
    children: (
      <>
        <p>
          Each pipeline run (<code>rootwork pipeline --out DIR</code>) is a folder here with a study report and one report per
          organization with at least k respondents.
        </p>
        {runs.length === 0 ? (
          <p class="muted">No pipeline runs yet. Run <code>rootwork pipeline --out reports/out/NAME</code>, then reload this page.</p>
        ) : (
          <table>
            <caption>Pipeline runs, newest first</caption>
            <thead>
              <tr><th scope="col">Run</th><th scope="col">Study · wave</th><th scope="col">Generated</th><th scope="col">k</th><th scope="col">Reports</th></tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <th scope="row"><a href={`/admin/reports/${r.name}`}>{r.name}</a></th>
                  <td>{r.studyName} · {r.waveName}</td>
                  <td>{r.generatedOn}</td>
                  <td>{r.k}</td>
                  <td>
                    {r.hasStudyReport ? <a href={`/admin/reports/${r.name}/study-report.html`}>Study report</a> : 'not written yet (run `rootwork report`)'}
                    {` · ${r.orgReports} organization reports`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ),
  });
}

export function runPage({ run, orgCodes, charts, csrf }: { run: RunInfo; orgCodes: string[]; charts: string[]; csrf?: string }) {
  return AdminShell({
    title: `Reports: ${run.studyName} · ${run.waveName}`,
    csrf,
    children: (
      <>
        <p><a href="/admin/reports">All runs</a> · generated {run.generatedOn} · k = {run.k}</p>
        {run.hasStudyReport ? (
          <p><a href={`/admin/reports/${run.name}/study-report.html`}>Open the study report</a></p>
        ) : (
          <p class="error">This run has no study report yet: run <code>rootwork report --run {run.dir}</code>.</p>
        )}
        <h2>Organization reports ({orgCodes.length})</h2>
        <p class="muted">Organizations with fewer than {run.k} respondents have no report.</p>
        <ul>
          {orgCodes.map((code) => <li><a href={`/admin/reports/${run.name}/orgs/${code}.html`}>{code}</a></li>)}
        </ul>
        <h2>Chart specifications (vega-lite)</h2>
        <ul>
          {charts.map((name) => <li><a href={`/admin/reports/${run.name}/charts/${name}.vl.json`}>{name}.vl.json</a></li>)}
        </ul>
      </>
    ),
  });
}
