// Reports in the service, on each dialect: the admin listing of pipeline runs and the files
// it serves (behind the admin session), and the organization contact's own report through
// the profile link (from the wave's published release), with a page that says why when
// there is none.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { writeReports } from '../../reports/index.js';
import { createApp } from '../../survey/app.js';
import { DIALECTS, TEST_SECRET } from '../helpers/databases.js';
import { publishPipelineRun, seededPipelineRun, type PipelineRun } from './helpers/pipeline-run.js';

for (const dialect of DIALECTS) {
  describe(`reports in the service (${dialect})`, () => {
    let run: PipelineRun;
    let app: ReturnType<typeof createApp>;
    let cookie = '';
    let runName = '';

    beforeAll(async () => {
      run = await seededPipelineRun(dialect, 23, 14);
      await writeReports(run.results, run.dir);
      // Organization contacts see reports only from a published release.
      await publishPipelineRun(run);
      runName = path.basename(run.dir);
      app = createApp({ db: run.tdb.handle.db, writer: run.tdb.writer, config: { secret: TEST_SECRET }, log: () => {}, reportsDir: path.dirname(run.dir) });
      const { token } = await createAdminToken(run.tdb.handle.db, TEST_SECRET, 'reports test');
      const res = await app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
      cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    });
    afterAll(async () => {
      await run?.tdb.destroy();
      if (run) fs.rmSync(path.dirname(run.dir), { recursive: true, force: true });
    });

    const get = (p: string, withCookie = true) => app.request(p, withCookie ? { headers: { Cookie: cookie } } : {});
    const orgCode = (reportable: boolean) => run.results.organizations.find((o) => o.reportable === reportable)!.code;

    it('asks for an admin session before listing or serving anything', async () => {
      for (const p of ['/admin/reports', `/admin/reports/${runName}`, `/admin/reports/${runName}/study-report.html`, `/admin/reports/${runName}/orgs/${orgCode(true)}.html`]) {
        const res = await get(p, false);
        expect(res.status, p).toBe(401);
        expect(await res.text(), p).toContain('Sign in');
      }
    });

    it('lists the pipeline runs with their study, wave and reports', async () => {
      const res = await get('/admin/reports');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`/admin/reports/${runName}/study-report.html`);
      expect(html).toContain('Report test 23');
      const page = await (await get(`/admin/reports/${runName}`)).text();
      // Each organization's report in both languages.
      expect(page).toContain(`<a href="/admin/reports/${runName}/orgs/${orgCode(true)}.html" hreflang="en">English</a>`);
      expect(page).toContain(`<a href="/admin/reports/${runName}/orgs/${orgCode(true)}.es.html" hreflang="es">Español</a>`);
      expect(page).not.toContain(orgCode(false));
      const reportable = run.results.organizations.filter((o) => o.reportable).length;
      expect(page).toContain(`Organization reports (${reportable})`);
      expect(html).toContain(` · ${reportable} organization reports`);
      expect(page).toContain('orientation-map.vl.json');
    });

    it('serves the study report with its CSS as a file, so the CSP needs no inline style', async () => {
      const res = await get(`/admin/reports/${runName}/study-report.html`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("style-src 'self'");
      const html = await res.text();
      expect(html).not.toContain('<style');
      expect(html).toContain('<link rel="stylesheet" href="/assets/report.css">');
      expect(html).toContain('data-chart="orientation-map"');
      const css = await get('/assets/report.css', false);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toContain('text/css');
      expect(await css.text()).toContain('@media print');
    });

    it('serves organization reports and chart specs, and answers 404 with a reason for anything else', async () => {
      const org = await get(`/admin/reports/${runName}/orgs/${orgCode(true)}.html`);
      expect(org.status).toBe(200);
      expect(await org.text()).toContain(`Organization report — ${orgCode(true)}`);
      const es = await get(`/admin/reports/${runName}/orgs/${orgCode(true)}.es.html`);
      expect(es.status).toBe(200);
      const esHtml = await es.text();
      expect(esHtml).toContain(`Informe de la organización — ${orgCode(true)}`);
      // Its link back to English resolves, beside it, to the English file's address.
      expect(esHtml).toContain(`<a href="${orgCode(true)}.html" hreflang="en"`);
      for (const p of [`${orgCode(false)}.es.html`, `${orgCode(true)}.en.html`, `${orgCode(true)}.fr.html`]) expect((await get(`/admin/reports/${runName}/orgs/${p}`)).status, p).toBe(404);
      const chart = await get(`/admin/reports/${runName}/charts/orientation-map.vl.json`);
      expect(chart.status).toBe(200);
      expect(((await chart.json()) as { $schema: string }).$schema).toContain('vega-lite');
      const small = await get(`/admin/reports/${runName}/orgs/${orgCode(false)}.html`);
      expect(small.status).toBe(404);
      expect(await small.text()).toContain('fewer than 5 respondents get none');
      for (const p of [`/admin/reports/no-such-run`, `/admin/reports/..%2F..%2Fetc/study-report.html`, `/admin/reports/${runName}/orgs/..%2F..%2Fresults.json`, `/admin/reports/${runName}/charts/x.json`]) {
        const res = await get(p);
        expect(res.status, p).toBe(404);
        expect(await res.text(), p).toMatch(/<h1>No such/);
      }
    });

    it('shows an organization contact their own report through the profile link', async () => {
      const db = run.tdb.handle.db;
      const org = await db.selectFrom('organizations').select(['id', 'code']).where('code', '=', orgCode(true)).executeTakeFirstOrThrow();
      const token = await createOrgLink(db, TEST_SECRET, run.waveId, org.id, 'profile');
      const res = await get(`/p/${token}/report`, false);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`Organization report — ${org.code}`);
      expect(html).not.toContain('<style');
    });

    it('tells a contact whose organization had fewer than k respondents why there is no report', async () => {
      const db = run.tdb.handle.db;
      const org = await db.selectFrom('organizations').select(['id']).where('code', '=', orgCode(false)).executeTakeFirstOrThrow();
      const token = await createOrgLink(db, TEST_SECRET, run.waveId, org.id, 'profile');
      const res = await get(`/p/${token}/report`, false);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Fewer than 5 of your staff answered');
    });

    it('says when the link is wrong, and when the wave has no reports yet', async () => {
      const bad = await get('/p/not-a-real-token/report', false);
      expect(bad.status).toBe(404);
      expect(await bad.text()).toContain('This link is not valid');
      const other = await writeSyntheticStudy(run.tdb.handle.db, { orgs: 2, staffMin: 5, staffMax: 6, seed: 99, studyName: 'No reports yet', waveName: 'W' });
      const org = await run.tdb.handle.db.selectFrom('organizations').innerJoin('waves', 'waves.study_id', 'organizations.study_id').select('organizations.id').where('waves.id', '=', other.waveId).executeTakeFirstOrThrow();
      const token = await createOrgLink(run.tdb.handle.db, TEST_SECRET, other.waveId, org.id, 'profile');
      const res = await get(`/p/${token}/report`, false);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('No report yet');
    });
  });
}
