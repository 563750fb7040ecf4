// An organization's contact fills in the profile in real Chromium: in Spanish on a phone,
// meeting the consistency checks (error summary linking to each field), switching language,
// saving a draft, coming back, and submitting. axe-core checks each state of the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../survey/server.js';
import { STAFF_GROUPS } from '../../data/database.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { getProfile } from '../../data/repositories/profiles.js';
import { createStudy, createWave, openWave } from '../../data/repositories/studies.js';
import { HAS_CHROMIUM, serveInChromium, newContext, expectAccessible } from '../helpers/browser.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

type Win = { document: { documentElement: { scrollWidth: number } } };

describe.runIf(HAS_CHROMIUM)('organization profile in Chromium', () => {
  let t: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let origin: string;
  let link: string;
  let ids: { wave: string; org: string };

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const db = t.handle.db;
    const study = await createStudy(db, { name: 'S' });
    const wave = await createWave(db, { studyId: study.id, name: 'Otoño 2026' });
    await openWave(db, wave.id, { opensOn: '2026-09-01' });
    const [org] = await createOrganizations(db, [{ studyId: study.id, name: 'Centro' }]);
    ids = { wave: wave.id, org: org.id };
    link = `/p/${await createOrgLink(db, TEST_SECRET, wave.id, org.id, 'profile')}`;
    ({ server, origin, browser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });


  async function fillConsistent(page: Page) {
    await page.check('#ed_race_poc');
    await page.selectOption('#ed_gender', 'woman');
    for (const g of STAFF_GROUPS) {
      await page.fill(`#start_${g}`, '3');
      await page.fill(`#hires_${g}`, '1');
      await page.fill(`#sep_${g}`, '1');
      await page.fill(`#end_${g}`, '3');
      await page.fill(`#exit_${g}_1`, '1');
    }
    await page.check('input[name=self_org_1][value="5"]');
  }

  it('in Spanish on a phone: checks, error summary, language switch, draft, return and submit', async () => {
    const { context, foreignRequests } = await newContext(browser, origin, { bypassCSP: true, locale: 'es-ES', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${origin}${link}`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.textContent('h1')).toMatch(/^Perfil de la organización: ORG-/);
    expect(await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'empty form (es)');

    await fillConsistent(page);
    await page.fill('#sep_organizer_poc', '6');
    await page.fill('#senior_total', '2');
    await page.fill('#senior_poc', '4');
    await page.click('button[value=submit]');
    const summary = page.locator('.error-summary a');
    expect(await summary.allTextContents()).toEqual(expect.arrayContaining([
      'Organizadores/as, personas de color: Salidas — Las salidas (6) no pueden superar el personal inicial más las contrataciones (4).',
      'Líderes de alto nivel que son personas de color — Las personas de color (4) no pueden superar el total (2).',
    ]));
    expect(await page.textContent('#sep_organizer_poc-error')).toMatch(/no pueden superar/);
    await expectAccessible(page, 'form with errors (es)');
    await page.click('.error-summary a[href="#senior_poc"]');
    expect(page.url()).toMatch(/#senior_poc$/);
    expect((await getProfile(t.handle.db, ids.wave, ids.org))).toBeUndefined();

    await page.click('.lang-switch a');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await fillConsistent(page);
    await page.fill('#senior_total', '4');
    await page.fill('#senior_poc', '2');
    await page.fill('#end_other_white', '5');
    await page.click('button[value=draft]');
    expect(await page.textContent('.notice')).toMatch(/Draft saved, but some figures do not add up/);
    expect(await page.textContent('#end_other_white-error')).toMatch(/Start \+ hires − separations is 3, but the end headcount is 5/);
    await expectAccessible(page, 'draft with a problem (en)');

    await page.goto(`${origin}${link}?lang=en`);
    expect(await page.inputValue('#end_other_white')).toBe('5');
    expect(await page.isChecked('input[name=self_org_1][value="5"]')).toBe(true);
    await page.fill('#headcount_note', 'Two people moved into the white other-staff group from organizing.');
    await page.click('button[value=submit]');
    expect(await page.textContent('.notice')).toMatch(/the profile is submitted/);
    await expectAccessible(page, 'submitted (en)');
    const saved = await getProfile(t.handle.db, ids.wave, ids.org);
    expect(saved?.profile).toMatchObject({ status: 'submitted', ed_poc: 1, ed_gender: 'woman', end_other_white: 5, self_org_1: 5 });
    expect(saved?.exits).toHaveLength(STAFF_GROUPS.length);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
