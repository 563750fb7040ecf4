// A person completes the survey in real Chromium against a real server: in English with
// the keyboard only (fixing a validation error on the way), in Spanish with JavaScript
// off on a 360-px phone screen, switching language mid-way. axe-core checks every page;
// no request leaves for another host; the stored rows match what was entered; and neither
// the database file nor the server log holds the client's address or user agent.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../survey/server.js';
import { HAS_CHROMIUM, serveInChromium, newContext, expectAccessible } from '../helpers/browser.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { answerByKeyboard, answerByPointer, pressButton, pressButtonByKeyboard, tabTo } from '../survey/browser-driver.js';
import { FORM_ANSWERS, seedSurvey, type SurveyFixture } from '../survey/survey-fixture.js';

const ORDER = Object.keys(FORM_ANSWERS);

// Callbacks below run inside the page; the project compiles without the DOM library.
type Win = {
  document: { activeElement: { className: string } | null; documentElement: { scrollWidth: number } };
  navigator: { userAgent: string };
};

describe.runIf(HAS_CHROMIUM)('taking the survey in Chromium', () => {
  let t: TestDatabase;
  let fx: SurveyFixture;
  let server: RunningServer;
  let browser: Browser;
  let origin: string;
  const logs: string[] = [];
  const userAgents = new Set<string>();

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    fx = await seedSurvey(t.handle.db, { codes: 4, k: 6 });
    ({ server, origin, browser } = await serveInChromium(t, (l) => logs.push(l)));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });

  const scrollWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth);
  const userAgent = (page: Page) => page.evaluate(() => (globalThis as unknown as Win).navigator.userAgent);

  it('in English, keyboard only: sees and fixes an error, reviews, sends; axe passes on every page', async () => {
    const { context, foreignRequests, consoleErrors } = await newContext(browser, origin, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${origin}/s/${fx.codes[0]}`);
    userAgents.add(await userAgent(page));
    expect(await page.textContent('body')).toContain('at least 6 people');
    await expectAccessible(page, 'consent');
    await pressButtonByKeyboard(page, 'start');

    // Next with nothing answered: the error summary takes focus and links to each field.
    await pressButtonByKeyboard(page, 'next');
    expect(await page.evaluate(() => (globalThis as unknown as Win).document.activeElement?.className)).toBe('error-summary');
    expect(await page.locator('.error-summary a').count()).toBe(3);
    await expectAccessible(page, 'work with errors');
    await tabTo(page, '.error-summary a[href="#f-tenure_years"]');
    await page.keyboard.press('Enter');
    expect(page.url()).toContain('#f-tenure_years');

    for (const section of ORDER) {
      await expectAccessible(page, section);
      for (const [name, value] of Object.entries(FORM_ANSWERS[section])) await answerByKeyboard(page, name, String(value));
      await pressButtonByKeyboard(page, 'next');
      expect(await page.locator('.error-summary').count(), `errors after ${section}`).toBe(0);
    }
    expect(await page.textContent('h1')).toBe('Check your answers');
    await expectAccessible(page, 'review');
    await pressButtonByKeyboard(page, 'submit');
    expect(await page.textContent('h1')).toBe('Thank you');
    await expectAccessible(page, 'thanks');

    const row = await t.handle.db.selectFrom('responses').selectAll().where('wave_id', '=', fx.waveId).where('lang', '=', 'en').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'organizer', tenure_years: 4, race_black: 1, race_latine: 1, race_white: 0, gender: 'woman', org_4: 5, mob_4: null, sat_2r: 2, looking: 'yes', leave_reason_workload: 1, leave_reason_mission: 0, comment: 'More time for one-on-ones would help.', source: 'web' });
    expect(foreignRequests).toEqual([]);
    // The page with the error summary is answered 422 on purpose; Chromium logs any 4xx.
    expect(consoleErrors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await context.close();
  }, 180_000);

  it('in Spanish with JavaScript off on a 360-px screen, switching language mid-way without losing answers', async () => {
    const { context, foreignRequests } = await newContext(browser, origin, { javaScriptEnabled: false, locale: 'es-MX', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${origin}/s/${fx.codes[1]}`);
    expect(await page.textContent('h1')).toBe('Antes de empezar');
    await pressButton(page, 'start');
    const plan: typeof FORM_ANSWERS = { ...FORM_ANSWERS, work: { role: 'program', tenure_years: '0', fte: 'part' }, future: { itl_1: '1', looking: 'no', stay_2y: 'yes' }, comment: { comment: 'Gracias.' } };
    // An error first: a tenure that is not a whole number.
    await answerByPointer(page, 'role', 'program');
    await answerByPointer(page, 'tenure_years', 'dos');
    await pressButton(page, 'next');
    expect(await page.textContent('.error-summary')).toContain('Por favor escriba un número entero de 0 a 60.');
    expect(await page.inputValue('#f-tenure_years')).toBe('dos');
    for (const section of ORDER.filter((s) => s !== 'leaving')) {
      for (const [name, value] of Object.entries(plan[section])) await answerByPointer(page, name, String(value));
      if (section === 'culture') {
        // Switch to English with this page's answers unsent, then back: nothing is lost.
        await pressButton(page, 'lang:en');
        expect(await page.textContent('h1')).toBe('Culture and leadership');
        expect(await page.isChecked('#f-lcb_3-3')).toBe(true);
        await pressButton(page, 'lang:es');
      }
      await pressButton(page, 'next');
      expect(await page.locator('.error-summary').count(), `errors after ${section}`).toBe(0);
    }
    expect(await page.textContent('h1')).toBe('Revise sus respuestas');
    // Back from the review keeps the comment.
    await pressButton(page, 'back');
    expect(await page.inputValue('#f-comment')).toBe('Gracias.');
    await pressButton(page, 'next');
    await pressButton(page, 'submit');
    expect(await page.textContent('h1')).toBe('Gracias');
    const row = await t.handle.db.selectFrom('responses').selectAll().where('wave_id', '=', fx.waveId).where('lang', '=', 'es').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'program', tenure_years: 0, fte: 'part', itl_1: 1, itl_2: null, looking: 'no', stay_2y: 'yes', leave_reason_pay: null, lcb_3: 3, comment: 'Gracias.' });
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 180_000);

  it('fits a 360-px screen and passes axe on Spanish and problem pages', async () => {
    const { context, foreignRequests } = await newContext(browser, origin, { bypassCSP: true, locale: 'es', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${origin}/s/${fx.codes[2]}`);
    userAgents.add(await userAgent(page));
    await pressButton(page, 'start');
    for (const section of ['work', 'you', 'organizing', 'satisfaction']) {
      await expectAccessible(page, `es ${section}`);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      if (section === 'organizing') {
        for (const s of ['organizing', 'mobilizing', 'bridge', 'culture', 'decisions']) await pressButton(page, 'next');
      } else {
        for (const [name, value] of Object.entries(FORM_ANSWERS[section])) await answerByPointer(page, name, String(value));
        await pressButton(page, 'next');
      }
    }
    for (const [path, status] of [[`/s/${fx.codes[0]}`, 409], ['/s/NOPE00000000', 404], [`/s/${fx.codes[0]}/done?lang=es`, 200]] as const) {
      const res = await page.goto(`${origin}${path}`);
      expect(res?.status()).toBe(status);
      await expectAccessible(page, path);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    }
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 180_000);

  it('keeps neither the client address nor its user agent in the database or the server log', async () => {
    expect(userAgents.size).toBeGreaterThan(0);
    const files = [t.url, `${t.url}-wal`].filter((f) => fs.existsSync(f));
    const stored = files.map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
    const log = logs.join('\n');
    // Logged by route pattern: nothing from the request path.
    expect(log).toMatch(/POST \/s\/:ref 303/);
    expect(stored).toContain('More time for one-on-ones would help.');
    for (const haystack of [stored, log]) {
      expect(haystack).not.toContain('127.0.0.1');
      for (const ua of userAgents) expect(haystack).not.toContain(ua);
      expect(haystack).not.toContain('HeadlessChrome');
      for (const code of fx.codes) expect(haystack).not.toContain(code);
    }
  });
});
