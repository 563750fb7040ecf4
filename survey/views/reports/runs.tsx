// Admin pages for reports: the published releases (from the ledger) with their reports, the
// pipeline runs found in the reports folder — each a draft or published, synthetic ones
// marked — and one run's page with its files and, for a draft, the form that publishes it.
import type { ReleaseSummary } from '../../../data/repositories/releases.js';
import type { RunInfo } from '../../../reports/runs.js';
import { orgReportFile } from '../../../reports/org-files.js';
import type { ReportLang } from '../../../reports/org-text.js';
import { AdminShell, Csrf, type FieldError } from '../admin/shell.js';

/** Each language named in itself, as a reader looks for it. */
const LANG_NAMES: Record<ReportLang, string> = { en: 'English', es: 'Español' };

export type ReleaseRow = ReleaseSummary & { studyName: string; waveName: string };

function Synthetic({ run }: { run: RunInfo }) {
  return run.synthetic ? <strong> · synthetic data</strong> : null;
}

function Status({ release }: { release: ReleaseSummary | undefined }) {
  return release ? <>published as release <code>{release.id}</code> on {release.published_on}</> : <>draft (not published)</>;
}

export function runsPage({ runs, published, releases, skipped, csrf }: { runs: RunInfo[]; published: Map<string, ReleaseSummary>; releases: ReleaseRow[]; skipped: string[]; csrf?: string }) {
  return AdminShell({
    title: 'Reports',
    csrf,
    errors: skipped.map((s) => ({ field: '', message: s })),
    children: (
      <>
        <h2>Published releases</h2>
        <p>
          What organization contacts see (through their profile links) and what <code>rootwork export</code> writes comes from a wave's
          latest published release, as it was published.
        </p>
        {releases.length === 0 ? (
          <p class="muted">Nothing is published yet. Publish a draft run below, or run <code>rootwork publish DIR</code>.</p>
        ) : (
          <table>
            <caption>Releases, newest first</caption>
            <thead>
              <tr><th scope="col">Release</th><th scope="col">Study · wave</th><th scope="col">Published</th><th scope="col">k</th><th scope="col">Report</th></tr>
            </thead>
            <tbody>
              {releases.map((r) => (
                <tr>
                  <th scope="row"><code>{r.id}</code></th>
                  <td>{r.studyName} · {r.waveName}</td>
                  <td>{r.published_on}</td>
                  <td>{r.k}</td>
                  <td><a href={`/admin/releases/${r.id}/study-report.html`}>Study report</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>Pipeline runs</h2>
        <p>
          Each pipeline run (<code>rootwork pipeline --out DIR</code>) is a folder here: a draft until it is published, for review by
          the study team only.
        </p>
        {runs.length === 0 ? (
          <p class="muted">No pipeline runs yet. Run <code>rootwork pipeline --out reports/out/NAME</code>, then reload this page.</p>
        ) : (
          <table>
            <caption>Pipeline runs, newest first</caption>
            <thead>
              <tr><th scope="col">Run</th><th scope="col">Study · wave</th><th scope="col">Generated</th><th scope="col">k</th><th scope="col">Status</th><th scope="col">Reports</th></tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <th scope="row"><a href={`/admin/reports/${r.name}`}>{r.name}</a></th>
                  <td>{r.studyName} · {r.waveName}<Synthetic run={r} /></td>
                  <td>{r.generatedOn}</td>
                  <td>{r.k}</td>
                  <td><Status release={published.get(r.name)} /></td>
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

export interface RunPageProps {
  run: RunInfo;
  release: ReleaseSummary | undefined;
  /** Each organization with a report, and the languages it was written in. */
  orgReports: { code: string; langs: ReportLang[] }[];
  charts: string[];
  csrf?: string;
  errors?: FieldError[];
  notice?: string;
}

export function runPage({ run, release, orgReports, charts, csrf, errors = [], notice }: RunPageProps) {
  return AdminShell({
    title: `Reports: ${run.studyName} · ${run.waveName}`,
    csrf,
    errors,
    notice,
    children: (
      <>
        <p><a href="/admin/reports">All runs</a> · generated {run.generatedOn} · k = {run.k}<Synthetic run={run} /></p>
        <p>Status: <Status release={release} /></p>
        {release ? (
          <p><a href={`/admin/releases/${release.id}/study-report.html`}>Open the published study report</a> (from the ledger)</p>
        ) : csrf ? (
          <form method="post" action={`/admin/reports/${run.name}/publish`}>
            <Csrf token={csrf} />
            <p>
              Publishing records this run in the ledger as a release of its wave: organization contacts then see their reports
              from it, and exports come from it. It is refused if a file of the run changed, the wave is open, answers arrived
              after the run, or an earlier release makes it unsafe.
            </p>
            <div class="actions"><button type="submit">Publish this run</button></div>
          </form>
        ) : null}
        {run.hasStudyReport ? (
          <p><a href={`/admin/reports/${run.name}/study-report.html`}>Open this run's study report</a>{release ? '' : ' (draft)'}</p>
        ) : (
          <p class="error">This run has no study report yet: run <code>rootwork report --run {run.dir}</code>.</p>
        )}
        <h2>Organization reports ({orgReports.length})</h2>
        <p class="muted">Each report in English and in Spanish. Organizations with fewer than {run.k} respondents have no report.</p>
        <ul>
          {orgReports.map(({ code, langs }) => (
            <li>
              {code}:{' '}
              {langs.map((lang, i) => (
                <>
                  {i > 0 && ' · '}
                  <a href={`/admin/reports/${run.name}/orgs/${orgReportFile(code, lang)}`} hreflang={lang}>{LANG_NAMES[lang]}</a>
                </>
              ))}
            </li>
          ))}
        </ul>
        <h2>Chart specifications (vega-lite)</h2>
        <ul>
          {charts.map((name) => <li><a href={`/admin/reports/${run.name}/charts/${name}.vl.json`}>{name}.vl.json</a></li>)}
        </ul>
      </>
    ),
  });
}
