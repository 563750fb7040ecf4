// A signed-in admin visits another site whose page posts to Rootwork's admin forms, carrying
// a CSRF token copied from a real admin page, in real Chromium: the posts are refused with
// a 403 page that says what happened, nothing changes, and the session still works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../survey/server.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { HAS_CHROMIUM, newContext, serveInChromium } from '../helpers/browser.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

const EVIL = 'http://evil.test';

describe.skipIf(!HAS_CHROMIUM)('admin forms posted from another site, in Chromium', () => {
  let t: TestDatabase;
  let server: RunningServer;
  let origin: string;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    token = (await createAdminToken(t.handle.db, TEST_SECRET, 'officer')).token;
    ({ server, origin, browser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });

  it('refuses them with 403 even with a valid CSRF token, and the session lives on', async () => {
    const { context } = await newContext(browser, origin, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${origin}/admin/login`);
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/admin`);
    const csrf = await page.getAttribute('input[name=_csrf]', 'value');
    expect(csrf).toMatch(/^[0-9a-f]{64}$/);

    // The other site's pages, served by the browser's own request routing.
    const forms: Record<string, string> = {
      '/create': `<form method="post" action="${origin}/admin/studies"><input name="name" value="Planted study"><input name="_csrf" value="${csrf}"><button>Go</button></form>`,
      '/logout': `<form method="post" action="${origin}/admin/logout"><input name="_csrf" value="${csrf}"><button>Go</button></form>`,
    };
    await context.route(`${EVIL}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: `<!DOCTYPE html><title>Win a prize</title>${forms[new URL(route.request().url()).pathname] ?? ''}` }));

    for (const path of Object.keys(forms)) {
      await page.goto(`${EVIL}${path}`);
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(origin) && r.request().method() === 'POST'), page.click('button')]);
      expect(response.status(), path).toBe(403);
      await page.waitForLoadState();
      expect(await page.textContent('main, body'), path).toMatch(/sent to Rootwork from http:\/\/evil\.test, not from Rootwork's own admin pages, so nothing was changed/);
    }
    expect(await t.handle.db.selectFrom('studies').select('name').execute()).toEqual([]);

    // Rootwork's own form, in the same browser, still works: the session was not ended.
    await page.goto(`${origin}/admin`);
    await page.fill('#name', 'Real study');
    await page.click('form[action="/admin/studies"] button[type=submit]');
    await page.waitForURL(/\/admin\/studies\//);
    expect((await t.handle.db.selectFrom('studies').select('name').execute()).map((r) => r.name)).toEqual(['Real study']);
    await context.close();
  });
});
