// The trend views in real Chromium on a 390 px wide phone screen: the study report's
// "Change since the last wave" and an organization's "Change since your previous wave" fit
// the screen (no element sticks out to the right, nothing scrolls sideways), the trend
// charts' text is drawn at 11 px or more once the SVG is scaled to fit, every text in the
// sections is at least 11 px, and axe finds nothing serious in the report. Screenshots are kept
// under test-results/reports/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/index.js';
import { HAS_CHROMIUM, launchBrowser, newContext, seriousAxeViolations } from '../helpers/browser.js';
import { trendsFixture } from '../reports/helpers/trends-fixture.js';

const SHOTS = path.resolve('test-results/reports');
const PHONE = { width: 390, height: 844 };

interface Layout {
  viewport: number;
  /** Elements whose right edge is past the screen's, as tag#id.class and their right edge. */
  outside: string[];
  sectionScroll: { scrollWidth: number; clientWidth: number };
  /** Smallest drawn size of any chart text, in px (font size × the SVG's scale on screen). */
  chartTextMin: number;
  chartTexts: number;
  /** Smallest computed font size of any HTML text in the section. */
  htmlTextMin: number;
}

// Runs in the page (plain JavaScript: the test code is compiled without the DOM's types).
const MEASURE = `(sel) => {
  const section = document.querySelector(sel);
  const viewport = document.documentElement.clientWidth;
  const outside = [];
  let htmlTextMin = Infinity;
  for (const el of section.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    // Only the outermost element that sticks out: its children follow it.
    const parentOut = el.parentElement !== section && el.parentElement.getBoundingClientRect().right > viewport + 0.5;
    if (r.width > 0 && r.right > viewport + 0.5 && !parentOut) outside.push(el.tagName.toLowerCase() + ' ' + Math.round(r.right) + ' ' + (el.textContent || '').slice(0, 40));
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
    if (hasText) htmlTextMin = Math.min(htmlTextMin, parseFloat(getComputedStyle(el).fontSize));
  }
  let chartTextMin = Infinity;
  let chartTexts = 0;
  for (const svg of section.querySelectorAll('figure svg')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      chartTexts++;
      chartTextMin = Math.min(chartTextMin, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
  }
  return { viewport, outside, sectionScroll: { scrollWidth: section.scrollWidth, clientWidth: section.clientWidth }, chartTextMin, chartTexts, htmlTextMin };
}`;

/** Measures the section `selector` as laid out on the page. */
async function layout(page: Page, selector: string): Promise<Layout> {
  return (await page.evaluate(`(${MEASURE})(${JSON.stringify(selector)})`)) as Layout;
}

describe('trend views in Chromium at 390 px', () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    expect(HAS_CHROMIUM, 'Chromium is required for browser tests (apt-get install -y chromium)').toBe(true);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-trend-browser-'));
    await writeReports(trendsFixture(), dir);
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the study report’s trends section fits the screen, with chart text at 11 px or more', async () => {
    const { context, foreignRequests, consoleErrors } = await newContext(browser, 'file://', { bypassCSP: true, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'study-report.html')).href);
    const l = await layout(page, '#trends');
    expect(l.viewport).toBeLessThanOrEqual(390);
    expect(l.outside, 'elements past the right edge').toEqual([]);
    expect(l.sectionScroll.scrollWidth).toBeLessThanOrEqual(l.sectionScroll.clientWidth);
    expect(await page.locator('#trends figure svg').count()).toBe(2);
    expect(l.chartTexts).toBeGreaterThan(20);
    expect(l.chartTextMin).toBeGreaterThanOrEqual(11);
    expect(l.htmlTextMin).toBeGreaterThanOrEqual(11);
    // axe on the section only: the rest of the report is the study report's own test.
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = (await seriousAxeViolations(page)).filter((v) => v.nodes.some((n) => n.target.some((t) => /trend/.test(t))));
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.locator('#trends').screenshot({ path: path.join(SHOTS, 'trends-390.png') });
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('an organization’s change since its previous wave fits the screen', async () => {
    const { context, consoleErrors } = await newContext(browser, 'file://', { viewport: PHONE });
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'orgs', 'ORG0001.html')).href);
    const l = await layout(page, '#trend');
    expect(l.outside, 'elements past the right edge').toEqual([]);
    expect(l.sectionScroll.scrollWidth).toBeLessThanOrEqual(l.sectionScroll.clientWidth);
    expect(l.htmlTextMin).toBeGreaterThanOrEqual(11);
    await expect(page.locator('#trend [data-verdict]').count()).resolves.toBe(3);
    await page.locator('#trend').screenshot({ path: path.join(SHOTS, 'org-trend-390.png') });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
