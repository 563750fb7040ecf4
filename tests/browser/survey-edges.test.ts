// The new survey states in real Chromium, each checked with axe: the home page in both
// languages, the page for an address without a code, a month-old page shown again with its
// answers and a notice (or, once the survey closed, the answers to copy), a final submit refused
// because the survey closed meanwhile (in Spanish), and a section opened from the review that
// returns there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../survey/server.js';
import { csrfToken } from '../../survey/middleware/csrf.js';
import { entryScope } from '../../survey/respond/entry.js';
import { HAS_CHROMIUM, serveInChromium, newContext, expectAccessible } from '../helpers/browser.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { closeWave } from '../../data/repositories/studies.js';
import { answerByPointer, pressButton } from '../survey/browser-driver.js';
import { FORM_ANSWERS, seedSurvey, type SurveyFixture } from '../survey/survey-fixture.js';

type Win = { document: { querySelector(s: string): { value: string } | null } };

describe.runIf(HAS_CHROMIUM)('survey edges in Chromium', () => {
  let t: TestDatabase;
  let fx: SurveyFixture;
  let server: RunningServer;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    fx = await seedSurvey(t.handle.db, { codes: 2 });
    ({ server, origin, browser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });

  it('home and no-code pages, in the browser\'s language', async () => {
    const { context, foreignRequests } = await newContext(browser, origin, { bypassCSP: true, locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await expectAccessible(page, 'home (es)');
    await page.click('.survey-lang a');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('main')).not.toMatch(/\d/);
    await expectAccessible(page, 'home (en)');
    const res = await page.goto(`${origin}/s/`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('A esta dirección le falta el código de la encuesta');
    await expectAccessible(page, 'no code (es)');
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('a month-old page comes back with its answers; Change returns to the review', async () => {
    const { context } = await newContext(browser, origin, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${origin}/s/${fx.codes[0]}`);
    await pressButton(page, 'start');
    for (const [name, value] of Object.entries(FORM_ANSWERS.work)) await answerByPointer(page, name, value as string);
    // The tab sat open for six weeks: its token is that old.
    const old = csrfToken(TEST_SECRET, entryScope(TEST_SECRET, { kind: 'invite', code: fx.codes[0] }), Date.now() - 42 * 86_400_000);
    await page.evaluate((token) => { (globalThis as unknown as Win).document.querySelector('input[name=_csrf]')!.value = token; }, old);
    await pressButton(page, 'next');
    expect(await page.textContent('.notice')).toMatch(/open for a long time/);
    expect(await page.inputValue('#f-tenure_years')).toBe('4');
    await expectAccessible(page, 'stale page shown again');
    await pressButton(page, 'next');
    // Every other section in order (this person might leave, so all eleven are asked).
    for (const section of Object.keys(FORM_ANSWERS).slice(1)) {
      for (const [name, value] of Object.entries(FORM_ANSWERS[section])) {
        for (const one of Array.isArray(value) ? value : [value]) await answerByPointer(page, name, one);
      }
      await pressButton(page, 'next');
    }
    expect(await page.textContent('h1')).toBe('Check your answers');
    await page.click('button[value="goto:you"]');
    expect(await page.textContent('button[value=next]')).toBe('Save and return to the review');
    await expectAccessible(page, 'section opened from the review');
    await pressButton(page, 'next');
    expect(await page.textContent('h1')).toBe('Check your answers');
    await context.close();
  });

  it('after the survey closed, a month-old page shows what was entered, to copy', async () => {
    const late = await seedSurvey(t.handle.db, { codes: 1 });
    const { context } = await newContext(browser, origin, { bypassCSP: true, locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${origin}/s/${late.codes[0]}`);
    await pressButton(page, 'start');
    for (const [name, value] of Object.entries(FORM_ANSWERS.work)) await answerByPointer(page, name, value as string);
    await closeWave(t.handle.db, late.waveId, { closesOn: new Date().toISOString().slice(0, 10) });
    const old = csrfToken(TEST_SECRET, entryScope(TEST_SECRET, { kind: 'invite', code: late.codes[0] }), Date.now() - 42 * 86_400_000);
    await page.evaluate((token) => { (globalThis as unknown as Win).document.querySelector('input[name=_csrf]')!.value = token; }, old);
    await pressButton(page, 'next');
    expect(await page.textContent('h1')).toBe('Esta encuesta está cerrada');
    expect(await page.textContent('#kept-title')).toBe('Lo que había escrito');
    await expectAccessible(page, 'closed, with the answers kept (es)');
    await context.close();
  });

  it('a final submit refused because the survey closed meanwhile keeps the answers, in Spanish', async () => {
    const closing = await seedSurvey(t.handle.db, { codes: 1 });
    const { context } = await newContext(browser, origin, { bypassCSP: true, locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${origin}/s/${closing.codes[0]}`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await pressButton(page, 'start');
    for (const section of Object.keys(FORM_ANSWERS)) {
      for (const [name, value] of Object.entries(FORM_ANSWERS[section])) {
        for (const one of Array.isArray(value) ? value : [value]) await answerByPointer(page, name, one);
      }
      await pressButton(page, 'next');
    }
    expect(await page.locator('button[value=submit]').count()).toBe(1);
    await closeWave(t.handle.db, closing.waveId, { closesOn: new Date().toISOString().slice(0, 10) });
    await pressButton(page, 'submit');
    expect(await page.textContent('h1')).toBe('Esta encuesta está cerrada');
    expect(await page.textContent('#kept-title')).toBe('Lo que había escrito');
    expect(await page.textContent('main')).toContain(FORM_ANSWERS.work.tenure_years as string);
    await expectAccessible(page, 'final submit refused, answers kept (es)');
    await context.close();
  });
});
