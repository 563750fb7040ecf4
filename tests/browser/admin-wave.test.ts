// A program officer on a desktop screen at a wave's page in Chromium: the participation
// table shows every column without scrolling sideways, and closing the wave is kept apart
// from everyday actions, asks for confirmation and says what it does. axe on each state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../survey/server.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { createStudy, createWave, getWave, openWave } from '../../data/repositories/studies.js';
import { HAS_CHROMIUM, serveInChromium, newContext, expectAccessible } from '../helpers/browser.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

type Box = { right: number; scrollWidth: number; clientWidth: number };

describe.runIf(HAS_CHROMIUM)('a wave page on a desktop screen', () => {
  let t: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let origin: string;
  let token: string;
  let waveId: string;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const db = t.handle.db;
    token = (await createAdminToken(db, TEST_SECRET, 'officer')).token;
    const study = await createStudy(db, { name: 'Grantee study' });
    const wave = await createWave(db, { studyId: study.id, name: 'Fall 2026' });
    await createOrganizations(db, [
      { studyId: study.id, name: 'Harbor Organizing Project for Tenant and Worker Justice' },
      { studyId: study.id, name: 'Centro de Trabajadores Unidos del Valle' },
    ]);
    await openWave(db, wave.id, { opensOn: '2026-01-01', closesOn: '2099-12-15' });
    waveId = wave.id;
    ({ server, origin, browser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });

  async function signIn(page: Page) {
    await page.goto(`${origin}/admin/login`);
    await page.fill('#token', token);
    await page.click('button[type=submit]');
  }

  it('shows every participation column on a 1280-pixel screen', async () => {
    const { context } = await newContext(browser, origin, { bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${origin}/admin/waves/${waveId}`);
    const region = await page.$eval('.table-scroll', (el) => ({ right: el.getBoundingClientRect().right, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }) as Box);
    expect(region.scrollWidth).toBeLessThanOrEqual(region.clientWidth);
    const lastHeader = await page.$eval('.table-scroll th:last-child', (el) => el.getBoundingClientRect().right);
    expect(lastHeader).toBeLessThanOrEqual(region.right);
    expect(lastHeader).toBeLessThanOrEqual(1280);
    await context.close();
  });

  it('keeps closing apart, asks for confirmation, says what it does, and can be cancelled', async () => {
    const { context, foreignRequests } = await newContext(browser, origin, { bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${origin}/admin/waves/${waveId}`);
    // The page's first action is not closing; closing sits in its own section after everything else.
    const buttons = await page.locator('main button').allTextContents();
    expect(buttons.filter((b) => /close/i.test(b))).toEqual(['Close the wave…']);
    expect(buttons.at(-1)).toBe('Close the wave…');
    // Below the participation table and every everyday form.
    const lastOutside = await page.evaluate(`(() => {
      const zone = document.querySelector('.danger-zone');
      const others = [...document.querySelectorAll('main table, main form')].filter((e) => !zone.contains(e));
      return others.every((e) => e.compareDocumentPosition(zone) & Node.DOCUMENT_POSITION_FOLLOWING);
    })()`);
    expect(lastOutside).toBe(true);
    expect(await page.textContent('.danger-zone')).toMatch(/planned to close on 2099-12-15/);
    await expectAccessible(page, 'open wave');

    await page.click('.danger-zone button');
    expect(await page.textContent('h1')).toBe('Close Fall 2026?');
    expect(await page.textContent('main')).toMatch(/replacing the planned closing day 2099-12-15/);
    expect((await getWave(t.handle.db, waveId)).status).toBe('open');
    await expectAccessible(page, 'close confirmation');
    await page.click('a.button.secondary');
    expect(await page.textContent('h1')).toBe('Grantee study: Fall 2026');
    expect((await getWave(t.handle.db, waveId)).status).toBe('open');

    await page.click('.danger-zone button');
    await page.click('button.danger');
    expect(await page.textContent('.notice')).toMatch(/The wave is closed \(closing day \d{4}-\d{2}-\d{2}\)/);
    expect((await getWave(t.handle.db, waveId)).status).toBe('closed');
    await expectAccessible(page, 'closed wave');
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
