// Publishing from the admin pages in real Chromium: the runs list marks a draft, a draft's
// page publishes it with its button (a refusal shown in plain words first), the list then
// shows the release, and the organization contact's link serves the release's report.
// axe-core checks each admin page; no request leaves the origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { createApp } from '../../survey/app.js';
import { startServer, type RunningServer } from '../../survey/server.js';
import { expectAccessible, HAS_CHROMIUM, launchBrowser, newContext } from '../helpers/browser.js';
import { TEST_SECRET } from '../helpers/databases.js';
import { publishFixture, type PublishFixture } from '../pipeline/publish/fixture.js';

describe.runIf(HAS_CHROMIUM)('publishing from the admin pages in Chromium', () => {
  let f: PublishFixture;
  let server: RunningServer;
  let browser: Browser;
  let origin = '';
  let token = '';

  beforeAll(async () => {
    f = await publishFixture('sqlite', 41);
    await f.run('fall');
    token = (await createAdminToken(f.tdb.handle.db, TEST_SECRET, 'browser')).token;
    server = await startServer(createApp({ db: f.tdb.handle.db, writer: f.tdb.writer, config: { secret: TEST_SECRET }, log: () => {}, reportsDir: f.root }), 0);
    origin = `http://127.0.0.1:${server.port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await f?.destroy();
  });

  it('publishes a draft run with its button and serves the release to the contact', async () => {
    const { context, foreignRequests, consoleErrors } = await newContext(browser, origin, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${origin}/admin/login`);
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    await page.goto(`${origin}/admin/reports`);
    await expect(page.locator('tbody tr', { hasText: 'fall' }).textContent()).resolves.toMatch(/synthetic data[\s\S]*draft \(not published\)/);
    await expectAccessible(page, 'reports list');

    // The wave opened again: the button's answer says why, in words.
    await f.tdb.handle.db.updateTable('waves').set({ status: 'open' }).where('id', '=', f.waveId).execute();
    await page.goto(`${origin}/admin/reports/fall`);
    await page.click('button:has-text("Publish this run")');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('is still open: findings and organization reports come after a wave closes');
    await expectAccessible(page, 'refused publish');

    await f.tdb.handle.db.updateTable('waves').set({ status: 'closed' }).where('id', '=', f.waveId).execute();
    await page.click('button:has-text("Publish this run")');
    await expect(page.locator('body').textContent()).resolves.toMatch(/Published as release [0-9a-f-]{36}/);
    await expect(page.locator('button:has-text("Publish this run")').count()).resolves.toBe(0);
    await expectAccessible(page, 'published run');
    await page.click('a:has-text("Open the published study report")');
    await expect(page.locator('figure[data-chart="orientation-map"] svg').count()).resolves.toBe(1);

    const code = await f.tdb.handle.db.selectFrom('releases').select('results_json').executeTakeFirstOrThrow()
      .then((r) => (JSON.parse(r.results_json) as { organizations: { code: string; reportable: boolean }[] }).organizations.find((o) => o.reportable)!.code);
    const org = await f.tdb.handle.db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const link = await createOrgLink(f.tdb.handle.db, TEST_SECRET, f.waveId, org.id, 'profile');
    const res = await page.goto(`${origin}/p/${link}/report`);
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toContain(code);
    // The one refusal answered 409, as it should; nothing else failed.
    expect(consoleErrors.filter((e) => !e.includes('status of 409')), consoleErrors.join('\n')).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
