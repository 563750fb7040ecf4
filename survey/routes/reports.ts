// Reports in the service: admin pages list the pipeline runs in the reports folder and
// serve their files; an organization contact opens their own organization's latest report
// through their secret profile link. Reports are files written by the pipeline: these
// routes only read them.
import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { findOrgLink } from '../../data/repositories/links.js';
import { readResults } from '../../reports/schema.js';
import { listRuns, readRun, safeRunName, type RunInfo } from '../../reports/runs.js';
import { safeCode, STUDY_REPORT } from '../../reports/index.js';
import { REPORT_CSS } from '../../reports/render/styles.js';
import { adminPageAuth, type AdminEnv } from '../middleware/admin-auth.js';
import { loginPage } from '../views/admin/login.js';
import { reportMessagePage } from '../views/reports/messages.js';
import { runPage, runsPage } from '../views/reports/runs.js';

export const DEFAULT_REPORTS_DIR = 'reports/out';
export const REPORT_CSS_PATH = '/assets/report.css';

const runParam = z.string().refine(safeRunName);
const codeFile = z.string().regex(/^(.+)\.html$/).transform((f) => f.slice(0, -'.html'.length)).refine(safeCode);
const chartFile = z.string().regex(/^[a-z0-9-]{1,80}\.vl\.json$/);

type Ctx = Context<AdminEnv>;

function reportsDir(c: Ctx): string {
  return c.get('deps').reportsDir ?? DEFAULT_REPORTS_DIR;
}

function notFound(c: Ctx, title: string, body: string) {
  return c.html(reportMessagePage({ title, body }), 404);
}

/**
 * A report file as served: its inline <style> swapped for the same CSS as a file, so the
 * service's CSP (no inline styles, no scripts) holds for reports too.
 */
function serveReport(c: Ctx, file: string) {
  const html = fs.readFileSync(file, 'utf8').replace(/<style id="report-css">[\s\S]*?<\/style>/, `<link rel="stylesheet" href="${REPORT_CSS_PATH}">`);
  return c.html(html);
}

function findRun(c: Ctx): RunInfo | Response {
  const name = runParam.safeParse(c.req.param('run'));
  const dir = name.success ? path.join(reportsDir(c), name.data) : '';
  if (!name.success || !fs.existsSync(path.join(dir, 'results.json'))) {
    return notFound(c, 'No such pipeline run', `There is no pipeline run named “${c.req.param('run')}”. See the list at /admin/reports.`);
  }
  return readRun(dir);
}

const guard = adminPageAuth({ unauthorized: (c, reason) => c.html(loginPage({ reason }), 401) });

export const reportRoutes = new Hono<AdminEnv>()
  .get(REPORT_CSS_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(REPORT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  })
  .use('/admin/reports', guard)
  .use('/admin/reports/*', guard)
  .get('/admin/reports', (c) => {
    const skipped: string[] = [];
    const runs = listRuns(reportsDir(c), (dir, err) => skipped.push(`Skipped ${path.basename(dir)}: ${err.message}`));
    return c.html(runsPage({ runs, skipped, csrf: c.get('csrf') }));
  })
  .get('/admin/reports/:run', (c) => {
    const run = findRun(c);
    if (run instanceof Response) return run;
    const orgsDir = path.join(run.dir, 'orgs');
    const chartsDir = path.join(run.dir, 'charts');
    const orgCodes = fs.existsSync(orgsDir) ? fs.readdirSync(orgsDir).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort() : [];
    const charts = fs.existsSync(chartsDir) ? fs.readdirSync(chartsDir).filter((f) => f.endsWith('.vl.json')).map((f) => f.slice(0, -8)).sort() : [];
    return c.html(runPage({ run, orgCodes, charts, csrf: c.get('csrf') }));
  })
  .get(`/admin/reports/:run/${STUDY_REPORT}`, (c) => {
    const run = findRun(c);
    if (run instanceof Response) return run;
    if (!run.hasStudyReport) return notFound(c, 'No study report yet', `This run has results but no study report: run \`rootwork report --run ${run.dir}\`.`);
    return serveReport(c, path.join(run.dir, STUDY_REPORT));
  })
  .get('/admin/reports/:run/orgs/:file', (c) => {
    const run = findRun(c);
    if (run instanceof Response) return run;
    const code = codeFile.safeParse(c.req.param('file'));
    const file = code.success ? path.join(run.dir, 'orgs', `${code.data}.html`) : '';
    if (!code.success || !fs.existsSync(file)) {
      return notFound(c, 'No such organization report', `Run ${run.name} has no report for “${c.req.param('file')}”: organizations with fewer than ${run.k} respondents get none.`);
    }
    return serveReport(c, file);
  })
  .get('/admin/reports/:run/charts/:file', (c) => {
    const run = findRun(c);
    if (run instanceof Response) return run;
    const name = chartFile.safeParse(c.req.param('file'));
    const file = name.success ? path.join(run.dir, 'charts', name.data) : '';
    if (!name.success || !fs.existsSync(file)) return notFound(c, 'No such chart', `Run ${run.name} has no chart “${c.req.param('file')}”.`);
    return c.body(fs.readFileSync(file, 'utf8'), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  })
  // The organization contact's own report: the profile link names one organization and wave.
  .get('/p/:token/report', async (c) => {
    const { db, config } = c.get('deps');
    const link = await findOrgLink(db, config.secret, c.req.param('token'), 'profile');
    if (!link) {
      return notFound(c, 'This link is not valid', 'This profile link is wrong or has been turned off. Ask the study team for your organization’s current link.');
    }
    const org = await db.selectFrom('organizations').select('code').where('id', '=', link.organization_id).executeTakeFirst();
    const run = org ? listRuns(reportsDir(c)).find((r) => r.waveId === link.wave_id && r.hasStudyReport) : undefined;
    if (!org || !run) {
      return notFound(c, 'No report yet', 'The study team has not produced reports for this survey wave yet. Come back after the survey closes and the results are in.');
    }
    const results = readResults(path.join(run.dir, 'results.json'));
    const summary = results.organizations.find((o) => o.code === org.code);
    if (!summary || !summary.reportable) {
      return notFound(
        c,
        'No report for your organization this time',
        `Fewer than ${results.study.k} of your staff answered the survey, so your organization has no report: with so few people, figures could point to individual answers. Your staff’s answers still count in the study-wide results.`,
      );
    }
    const file = path.join(run.dir, 'orgs', `${org.code}.html`);
    if (!safeCode(org.code) || !fs.existsSync(file)) {
      return notFound(c, 'Your report is not ready', 'Your organization’s report has not been written yet. Ask the study team to run `rootwork report` for this wave.');
    }
    return serveReport(c, file);
  });
