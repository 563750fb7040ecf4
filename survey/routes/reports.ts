// Reports in the service. Admin pages list the pipeline runs in the reports folder, each a
// draft or a published release, serve a draft's files for review and publish a draft (the
// same checks as `rootwork publish`). What reaches anyone else comes from the ledger: an
// organization contact's report through their secret profile link, and the admin study
// report of a release, are rendered from the results.json the release recorded — never
// from a run folder or from what the database holds now.
import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { NotFoundError } from '../../data/errors.js';
import { findOrgLink } from '../../data/repositories/links.js';
import { listReleases, type ReleaseSummary } from '../../data/repositories/releases.js';
import { listStudies, listWaves } from '../../data/repositories/studies.js';
import { publishRun } from '../../pipeline/publish/index.js';
import { listRuns, readRun, safeRunName, type RunInfo } from '../../reports/runs.js';
import { safeCode, STUDY_REPORT } from '../../reports/index.js';
import { orgReportsIn, parseOrgReportFile } from '../../reports/org-files.js';
import { REPORT_CSS } from '../../reports/render/styles.js';
import { pageErrors } from '../admin/forms.js';
import { adminPageAuth, type AdminEnv } from '../middleware/admin-auth.js';
import { loginPage } from '../views/admin/login.js';
import type { FieldError } from '../views/admin/shell.js';
import { reportMessagePage } from '../views/reports/messages.js';
import { runPage, runsPage, type ReleaseRow } from '../views/reports/runs.js';
import { pickLang } from './profile.js';
import { asServed, ReleaseReports, REPORT_CSS_PATH, unknownReportLang } from './release-reports.js';

export const DEFAULT_REPORTS_DIR = 'reports/out';
export { REPORT_CSS_PATH };

const runParam = z.string().refine(safeRunName);
const codeFile = z.string().regex(/^(.+)\.html$/).transform((f) => f.slice(0, -'.html'.length)).refine(safeCode);
/** A run folder's report file: CODE.html (English) or CODE.es.html (Spanish). */
const orgFile = z.string().refine((f) => parseOrgReportFile(f) !== undefined);
const chartFile = z.string().regex(/^[a-z0-9-]{1,80}\.vl\.json$/);
const releaseParam = z.string().regex(/^[0-9a-f-]{36}$/);

type Ctx = Context<AdminEnv>;

// One renderer (and its cache) per database, so two services in one process never share one.
const renderers = new WeakMap<Kysely<Database>, ReleaseReports>();
function releaseReports(c: Ctx): ReleaseReports {
  const { db } = c.get('deps');
  let r = renderers.get(db);
  if (!r) renderers.set(db, (r = new ReleaseReports(db)));
  return r;
}

export function reportsDir(c: Ctx): string {
  return c.get('deps').reportsDir ?? DEFAULT_REPORTS_DIR;
}

function notFound(c: Ctx, title: string, body: string) {
  return c.html(reportMessagePage({ title, body }), 404);
}

function serveReport(c: Ctx, file: string) {
  return c.html(asServed(fs.readFileSync(file, 'utf8')));
}

function findRun(c: Ctx): RunInfo | Response {
  const name = runParam.safeParse(c.req.param('run'));
  const dir = name.success ? path.join(reportsDir(c), name.data) : '';
  if (!name.success || !fs.existsSync(path.join(dir, 'results.json'))) {
    return notFound(c, 'No such pipeline run', `There is no pipeline run named “${c.req.param('run')}”. See the list at /admin/reports.`);
  }
  return readRun(dir);
}

/** The release a run folder was published as, if any: the ledger's record with its wave, generation time and data. */
export function releaseOfRun(run: RunInfo, releases: ReleaseSummary[]): ReleaseSummary | undefined {
  return releases.find((r) => r.wave_id === run.waveId && r.run_generated_on === run.generatedOn && r.data_fingerprint === run.dataFingerprint);
}

/** Every release with its study's and wave's names, newest first. */
async function releaseRows(db: Kysely<Database>, releases: ReleaseSummary[]): Promise<ReleaseRow[]> {
  const studies = new Map((await listStudies(db)).map((s) => [s.id, s.name]));
  const waves = new Map((await listWaves(db)).map((w) => [w.id, w.name]));
  return releases.map((r) => ({ ...r, studyName: studies.get(r.study_id) ?? '?', waveName: waves.get(r.wave_id) ?? '?' }));
}

async function renderRun(c: Ctx, run: RunInfo, extra: { errors?: FieldError[]; notice?: string } = {}, status: 200 | 403 | 404 | 409 | 422 | 500 | 503 = 200) {
  const orgsDir = path.join(run.dir, 'orgs');
  const chartsDir = path.join(run.dir, 'charts');
  const orgReports = fs.existsSync(orgsDir) ? orgReportsIn(fs.readdirSync(orgsDir)) : [];
  const charts = fs.existsSync(chartsDir) ? fs.readdirSync(chartsDir).filter((f) => f.endsWith('.vl.json')).map((f) => f.slice(0, -8)).sort() : [];
  const release = releaseOfRun(run, await listReleases(c.get('deps').db, { waveId: run.waveId }));
  return c.html(runPage({ run, release, orgReports, charts, csrf: c.get('csrf'), ...extra }), status);
}

async function findRelease(c: Ctx) {
  const id = c.req.param('id') ?? '';
  const missing = () => notFound(c, 'No such release', `There is no release “${id}”. See the published releases at /admin/reports.`);
  if (!releaseParam.safeParse(id).success) return missing();
  try {
    return await releaseReports(c).byId(id);
  } catch (err) {
    if (err instanceof NotFoundError) return missing();
    throw err;
  }
}

const guard = adminPageAuth({ unauthorized: (c, reason) => c.html(loginPage({ reason }), 401) });

export const reportRoutes = new Hono<AdminEnv>()
  .get(REPORT_CSS_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(REPORT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  })
  .use('/admin/reports', guard)
  .use('/admin/reports/*', guard)
  .use('/admin/releases/*', guard)
  .get('/admin/reports', async (c) => {
    const { db } = c.get('deps');
    const skipped: string[] = [];
    const runs = listRuns(reportsDir(c), (dir, err) => skipped.push(`Skipped ${path.basename(dir)}: ${err.message}`));
    const releases = await listReleases(db);
    const published = new Map(runs.flatMap((r) => {
      const release = releaseOfRun(r, releases);
      return release ? [[r.name, release] as const] : [];
    }));
    return c.html(runsPage({ runs, published, releases: await releaseRows(db, releases), skipped, csrf: c.get('csrf') }));
  })
  .get('/admin/reports/:run', async (c) => {
    const run = findRun(c);
    if (run instanceof Response) return run;
    return renderRun(c, run);
  })
  .post('/admin/reports/:run/publish', async (c) => {
    const run = findRun(c);
    if (run instanceof Response) return run;
    const { db, config } = c.get('deps');
    try {
      const { release } = await publishRun(run.dir, { db, secret: config.secret });
      return renderRun(c, run, { notice: `Published as release ${release.id}. Organization reports now come from this release.` });
    } catch (err) {
      const { status, errors } = pageErrors(err);
      return renderRun(c, run, { errors }, status);
    }
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
    const name = orgFile.safeParse(c.req.param('file'));
    const file = name.success ? path.join(run.dir, 'orgs', name.data) : '';
    if (!name.success || !fs.existsSync(file)) {
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
  // A published release's reports, rendered from the ledger.
  .get(`/admin/releases/:id/${STUDY_REPORT}`, async (c) => {
    const release = await findRelease(c);
    if (release instanceof Response) return release;
    return c.html(await releaseReports(c).studyReport(release));
  })
  .get('/admin/releases/:id/orgs/:file', async (c) => {
    const release = await findRelease(c);
    if (release instanceof Response) return release;
    const reports = releaseReports(c);
    const code = codeFile.safeParse(c.req.param('file'));
    const html = code.success ? reports.orgReport(release, code.data, pickLang(c)) : undefined;
    if (html === undefined) return notFound(c, 'No such organization report', `Release ${release.release.id} has no report for “${c.req.param('file')}”: organizations with fewer than ${release.release.k} respondents get none.`);
    return c.html(html);
  })
  // The organization contact's own report: the profile link names one organization and wave,
  // and the report is the wave's latest published release.
  .get('/p/:token/report', async (c) => {
    const badLang = unknownReportLang(c.req.query('lang'));
    if (badLang) return c.html(reportMessagePage({ title: 'Unknown language / Idioma desconocido', body: badLang }), 400);
    const { db, config } = c.get('deps');
    const link = await findOrgLink(db, config.secret, c.req.param('token'), 'profile');
    if (!link) {
      return notFound(c, 'This link is not valid', 'This profile link is wrong or has been turned off. Ask the study team for your organization’s current link.');
    }
    const org = await db.selectFrom('organizations').select('code').where('id', '=', link.organization_id).executeTakeFirst();
    const reports = releaseReports(c);
    const release = org ? await reports.latestOfWave(link.wave_id) : undefined;
    if (!org || !release) {
      return notFound(c, 'No report yet', 'The study team has not published results for this survey wave yet. Reports come after the survey closes and the results are published.');
    }
    // The contact's language: ?lang= on the link, else the browser's (as on the profile form).
    const html = reports.orgReport(release, org.code, pickLang(c));
    if (html === undefined) {
      return notFound(
        c,
        'No report for your organization this time',
        `Fewer than ${release.results.study.k} of your staff answered the survey, so your organization has no report: with so few people, figures could point to individual answers. Your staff’s answers still count in the study-wide results.`,
      );
    }
    return c.html(html);
  });
