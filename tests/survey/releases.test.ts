// Releases in the service, on each dialect. An organization contact's report comes from the
// wave's latest published release: nothing before publishing, the released report after,
// and the same report after one more response and a new (draft) run — the "organization
// report before and after one more response" attack of issue #18 recovers nothing. Admin
// pages show runs as draft or published and publish a draft (refusals in plain words);
// the API publishes and lists releases.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { getRelease, readLedger } from '../../data/repositories/releases.js';
import { orgContext } from '../../reports/org-context.js';
import { renderOrgReport } from '../../reports/render/org-report.js';
import { parseResults } from '../../reports/schema.js';
import { createApp } from '../../survey/app.js';
import { asServed } from '../../survey/routes/release-reports.js';
import { DIALECTS, TEST_SECRET } from '../helpers/databases.js';
import { asLinkedWritesIt, publishFixture, type PublishFixture } from '../pipeline/publish/fixture.js';

for (const dialect of DIALECTS) {
  describe(`releases in the service (${dialect})`, () => {
    let f: PublishFixture;
    let app: ReturnType<typeof createApp>;
    let cookie = '';
    let bearer = '';
    let contactLink = '';
    let orgCode = '';
    let firstRun = '';

    beforeAll(async () => {
      f = await publishFixture(dialect, 31);
      const db = f.tdb.handle.db;
      app = createApp({ db, writer: f.tdb.writer, config: { secret: TEST_SECRET }, log: () => {}, reportsDir: f.root });
      const { token } = await createAdminToken(db, TEST_SECRET, 'releases test');
      const login = await app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
      cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      bearer = (await createAdminToken(db, TEST_SECRET, 'releases api')).token;
      firstRun = await f.run('first');
      const results = JSON.parse(fs.readFileSync(path.join(firstRun, 'results.json'), 'utf8'));
      orgCode = results.organizations.find((o: { reportable: boolean }) => o.reportable).code;
      const org = await db.selectFrom('organizations').select('id').where('code', '=', orgCode).executeTakeFirstOrThrow();
      contactLink = `/p/${await createOrgLink(db, TEST_SECRET, f.waveId, org.id, 'profile')}/report`;
    });
    afterAll(async () => f?.destroy());

    const page = (p: string) => app.request(p, { headers: { Cookie: cookie } });
    const csrfOf = (html: string) => /name="_csrf" value="([0-9a-f]{64})"/.exec(html)![1];
    async function publishForm(run: string) {
      const csrf = csrfOf(await (await page(`/admin/reports/${run}`)).text());
      return app.request(`/admin/reports/${run}/publish`, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost' }, body: new URLSearchParams({ _csrf: csrf }) });
    }
    const api = (p: string, init: RequestInit = {}) => app.request(`/api/v1/admin${p}`, { ...init, headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });

    it('asks for an admin session or token before showing or publishing anything of a release', async () => {
      for (const p of ['/admin/releases/00000000-0000-0000-0000-000000000000/study-report.html', '/admin/releases/00000000-0000-0000-0000-000000000000/orgs/X.html']) {
        expect((await app.request(p)).status, p).toBe(401);
      }
      expect((await app.request('/admin/reports/first/publish', { method: 'POST', body: new URLSearchParams({}) })).status).toBe(401);
      expect((await app.request('/api/v1/admin/releases')).status).toBe(401);
      expect((await app.request('/api/v1/admin/releases', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ run: 'first' }) })).status).toBe(401);
      expect(await readLedger(f.tdb.handle.db, f.studyId)).toEqual([]);
    });

    it('before anything is published, the contact hears there is no report yet, and the admin list shows a draft', async () => {
      const res = await app.request(contactLink);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('No report yet');
      const list = await (await page('/admin/reports')).text();
      expect(list).toContain('Nothing is published yet');
      expect(list).toMatch(/first<\/a><\/th>[\s\S]*?synthetic data[\s\S]*?draft \(not published\)/);
      const run = await (await page('/admin/reports/first')).text();
      expect(run).toContain('Publish this run');
    });

    it('publishing through the admin page refuses an open wave in plain words, then publishes once closed', async () => {
      const db = f.tdb.handle.db;
      await db.updateTable('waves').set({ status: 'open' }).where('id', '=', f.waveId).execute();
      const refused = await publishForm('first');
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain('Wave &quot;Wave 1&quot; is still open: findings and organization reports come after a wave closes');
      expect(await readLedger(db, f.studyId)).toEqual([]);
      await db.updateTable('waves').set({ status: 'closed' }).where('id', '=', f.waveId).execute();
      const ok = await publishForm('first');
      expect(ok.status).toBe(200);
      const html = await ok.text();
      const [release] = await readLedger(db, f.studyId);
      expect(html).toContain(`Published as release ${release.releaseId}`);
      expect(html).toContain(`published as release <code>${release.releaseId}</code>`);
      expect(html).not.toContain('Publish this run');
      const again = await app.request('/admin/reports/first/publish', { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost' }, body: new URLSearchParams({ _csrf: csrfOf(html) }) });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('was published already');
      // Without the CSRF token the post is refused before anything runs.
      const forged = await app.request('/admin/reports/first/publish', { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({}) });
      expect(forged.status).toBe(401);
    });

    it('after publishing, the contact sees the released organization report, rendered from the ledger', async () => {
      const res = await app.request(contactLink);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`Organization report — ${orgCode}`);
      expect(html).not.toContain('<style');
      const [entry] = await readLedger(f.tdb.handle.db, f.studyId);
      const results = parseResults(JSON.parse((await getRelease(f.tdb.handle.db, entry.releaseId)).results_json));
      expect(html).toBe(asServed(renderOrgReport(results.organizations.find((o) => o.code === orgCode)!, orgContext(results))));
      // Even if the run folder is removed, the release is what is served.
      fs.renameSync(firstRun, firstRun + '-moved');
      try {
        expect(await (await app.request(contactLink)).text()).toBe(html);
        const study = await page(`/admin/releases/${entry.releaseId}/study-report.html`);
        expect(study.status).toBe(200);
        expect(await study.text()).toContain('data-chart="orientation-map"');
      } finally {
        fs.renameSync(firstRun + '-moved', firstRun);
      }
      expect((await page('/admin/releases/00000000-0000-0000-0000-000000000000/study-report.html')).status).toBe(404);
      expect((await page(`/admin/releases/${entry.releaseId}/orgs/NOPE.html`)).status).toBe(404);
    });

    it('one more response and a new draft run change nothing the contact sees (the before/after attack)', async () => {
      const before = await (await app.request(contactLink)).text();
      // The newcomer's answer lands in the organization the contact knows...
      const db = f.tdb.handle.db;
      const org = await db.selectFrom('organizations').select('id').where('code', '=', orgCode).executeTakeFirstOrThrow();
      const one = await db.selectFrom('responses').selectAll().where('organization_id', '=', org.id).limit(1).executeTakeFirstOrThrow();
      await db.insertInto('responses').values({ ...one, id: crypto.randomUUID(), sat_1: 1, sat_3: 1, itl_1: 7 }).execute();
      // ...and the pipeline is rerun: a draft the contact cannot reach.
      const draft = await f.run('after-late');
      const draftResults = JSON.parse(fs.readFileSync(path.join(draft, 'results.json'), 'utf8'));
      expect(draftResults.organizations.find((o: { code: string }) => o.code === orgCode).respondents).toBeGreaterThan(0);
      // Served from the database's state, the report would differ (the attack's signal)...
      expect(asServed(fs.readFileSync(path.join(draft, 'orgs', `${orgCode}.html`), 'utf8'))).not.toBe(before);
      // ...but the contact gets the published release, unchanged.
      const after = await (await app.request(contactLink)).text();
      expect(after).toBe(before);
      // Publishing the old run again or a stale one is refused; the new run is a draft in the list.
      const list = await (await page('/admin/reports')).text();
      expect(list).toMatch(/after-late<\/a><\/th>[\s\S]*?draft \(not published\)/);
    });

    it('the API publishes a run (201), refuses in JSON (409, 422, 404), and lists releases', async () => {
      const bad = await api('/releases', { method: 'POST', body: JSON.stringify({ run: '../etc' }) });
      expect(bad.status).toBe(422);
      const missing = await api('/releases', { method: 'POST', body: JSON.stringify({ run: 'no-such-run' }) });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { message: string }).message).toContain('There is no pipeline run named "no-such-run"');
      // A run whose file was edited after the run: 422, nothing recorded.
      const tampered = await f.run('tampered');
      const orgFile = path.join(tampered, 'orgs', fs.readdirSync(path.join(tampered, 'orgs'))[0]);
      fs.appendFileSync(orgFile, '<!-- edited -->');
      const before = (await readLedger(f.tdb.handle.db, f.studyId)).length;
      const t = await api('/releases', { method: 'POST', body: JSON.stringify({ run: 'tampered' }) });
      expect(t.status).toBe(422);
      expect(((await t.json()) as { message: string }).message).toMatch(/was changed after the pipeline run/);
      // A stale run (the late response came after it): 409 with what to do.
      const stale = await api('/releases', { method: 'POST', body: JSON.stringify({ run: 'first' }) });
      expect(stale.status).toBe(409);
      expect((await readLedger(f.tdb.handle.db, f.studyId)).length).toBe(before);
      // The rerun after the late response, checked against the ledger, publishes.
      await asLinkedWritesIt(path.join(f.root, 'after-late'), (await readLedger(f.tdb.handle.db, f.studyId)).map((r) => r.releaseId));
      const ok = await api('/releases', { method: 'POST', body: JSON.stringify({ run: 'after-late' }) });
      expect(ok.status).toBe(201);
      const { release } = (await ok.json()) as { release: { id: string; wave_id: string; seq: number } };
      expect(release.wave_id).toBe(f.waveId);
      const list = (await (await api(`/releases?wave=${f.waveId}`)).json()) as { releases: { id: string }[] };
      expect(list.releases.map((r) => r.id)[0]).toBe(release.id);
      const one = (await (await api(`/releases/${release.id}`)).json()) as { groups: { key: string; n: number }[]; results: { run: { data_fingerprint: string } } };
      expect(one.groups.length).toBeGreaterThan(1);
      expect((await api('/releases/nope')).status).toBe(404);
      // The contact now sees the new release.
      expect(await (await app.request(contactLink)).text()).toContain(`Organization report — ${orgCode}`);
      const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths['/admin/releases'])).toEqual(['get', 'post']);
    });
  });
}
