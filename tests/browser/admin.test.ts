// A program officer runs a study from the admin pages in real Chromium: signs in with a
// token, creates a study and a wave (fixing a date error on the way), adds and imports
// organizations, opens the wave, issues invites (shown once) and a profile link, watches
// participation and signs out. axe-core checks every page; no request leaves the origin.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../survey/server.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { findInvite } from '../../data/repositories/invites.js';
import { HAS_CHROMIUM, serveInChromium, newContext, expectAccessible } from '../helpers/browser.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

describe.runIf(HAS_CHROMIUM)('admin pages in Chromium', () => {
  let t: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let origin: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    token = (await createAdminToken(t.handle.db, TEST_SECRET, 'browser')).token;
    ({ server, origin, browser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });


  it('runs a study from sign-in to sign-out', async () => {
    const { context, foreignRequests, consoleErrors } = await newContext(browser, origin, { bypassCSP: true });
    const page = await context.newPage();
    const notFound: string[] = [];
    page.on('response', (r) => { if (r.status() === 404) notFound.push(new URL(r.url()).pathname); });

    const denied = await page.goto(`${origin}/admin`);
    expect(denied?.status()).toBe(401);
    await expectAccessible(page, 'sign-in (401)');
    await page.fill('#token', 'rwa_WRONG');
    await page.click('button[type=submit]');
    expect(await page.textContent('.error-summary')).toMatch(/not accepted/);
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    expect(await page.textContent('h1')).toBe('Studies');
    await expectAccessible(page, 'studies');
    // The navigation reaches the pipeline runs' reports, and comes back.
    await page.click('nav.admin-nav a[href="/admin/reports"]');
    expect(await page.textContent('h1')).toBe('Reports');
    await page.click('nav.admin-nav a[href="/admin"]');
    expect(await page.textContent('h1')).toBe('Studies');

    await page.fill('#name', 'Grantee study 2026');
    await page.click('form[action="/admin/studies"] button');
    expect(await page.textContent('h1')).toBe('Grantee study 2026');
    await expectAccessible(page, 'study');

    await page.fill('#wave_name', 'Fall 2026');
    await page.fill('#opens_on', '2026-10-01');
    await page.fill('#closes_on', '2026-09-01');
    await page.click('form[action$="/waves"] button');
    expect(await page.locator('.error-summary a[href="#closes_on"]').textContent()).toMatch(/closes \(2026-09-01\) before it opens/);
    expect(await page.getAttribute('#closes_on', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'study with errors');
    await page.fill('#closes_on', '2026-12-15');
    await page.click('form[action$="/waves"] button');
    expect(await page.textContent('h1')).toBe('Grantee study 2026: Fall 2026');
    await expectAccessible(page, 'wave (draft, no organizations)');
    const waveUrl = page.url();

    await page.click('a[href^="/admin/studies/"]');
    await page.fill('#org_name', 'Harbor Organizing Project');
    await page.click('form[action$="/organizations"] button');
    expect(await page.textContent('.notice')).toMatch(/Added Harbor Organizing Project as ORG-/);
    await page.setInputFiles('#orgs_csv', path.resolve('tests/fixtures/admin/organizations-semicolon-bom.csv'));
    await page.click('form[action$="/organizations/import"] button');
    expect(await page.textContent('.notice')).toBe('Imported 2 organizations.');
    await page.setInputFiles('#orgs_csv', { name: 'dup.csv', mimeType: 'text/csv', buffer: Buffer.from('name\nHarbor Organizing Project\n') });
    await page.click('form[action$="/organizations/import"] button');
    expect(await page.textContent('.error-summary')).toMatch(/row 2, column name: the study already has an organization named "Harbor Organizing Project"/);
    expect(await page.locator('tbody tr').count()).toBe(1 + 3);

    await page.goto(waveUrl);
    await page.fill('#opens_on', '2026-09-01');
    await page.click('form[action$="/open"] button');
    expect(await page.textContent('.notice')).toMatch(/open from 2026-09-01 with k = 5/);
    await expectAccessible(page, 'wave (open)');

    const orgCode = (await page.locator('#invite_org option').first().getAttribute('value'))!;
    await page.fill('#count', '3');
    await page.click('form[action$="/invites"] button[value=page]');
    expect(await page.textContent('h1')).toBe(`3 invite links for ${orgCode}`);
    const links = await page.locator('code.link').allTextContents();
    expect(links).toHaveLength(3);
    expect((await page.inputValue('#links_csv')).split('\n')[0]).toBe('organization_code,invite_code,survey_link');
    expect((await findInvite(t.handle.db, TEST_SECRET, links[0].split('/s/')[1])).status).toBe('valid');
    await expectAccessible(page, 'invites shown once');

    await page.goto(waveUrl);
    const row = page.locator('tbody tr', { hasText: orgCode });
    expect(await row.locator('td').nth(8).textContent()).toBe('0 / 3');
    await page.selectOption('#profile_org', orgCode);
    await page.click('form[action$="/profile-link"] button');
    expect(await page.textContent('code.link')).toMatch(new RegExp(`^${origin}/p/[0-9A-Z]{24}$`));

    await page.goto(waveUrl);
    await page.click('nav form button');
    expect(page.url()).toBe(`${origin}/admin/login`);
    expect((await page.goto(waveUrl))?.status()).toBe(401);

    expect(foreignRequests).toEqual([]);
    // Error pages (401 sign-in, 422 form errors) are logged by Chromium as failed loads; nothing else may fail.
    expect(consoleErrors.filter((e) => !/status of (401|422|404)/.test(e))).toEqual([]);
    expect(notFound.filter((p) => p !== '/favicon.ico')).toEqual([]);
    await context.close();
  });
});
