// Organization reports in real Chromium on a 390 px phone, in English and Spanish, as
// writeReports puts them in a run folder (CODE.html, CODE.es.html): no horizontal scroll, no
// rendered text under 11 px (chart text measured as drawn, after the SVG is fitted to the
// column), axe finds nothing serious, each page's link opens the other language, and no
// heading of the Spanish page is left in English. And the contact's profile link serves the
// report in the language asked for (?lang=es, or the browser's), linking to the other.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgLink } from '../../data/repositories/links.js';
import { writeReports, type OrgReportFiles } from '../../reports/index.js';
import { createApp } from '../../survey/app.js';
import { HAS_CHROMIUM, launchBrowser, newContext, seriousAxeViolations } from '../helpers/browser.js';
import { TEST_SECRET } from '../helpers/databases.js';
import { publishPipelineRun, seededPipelineRun, type PipelineRun } from './helpers/pipeline-run.js';

/** Rendered text under 11 px and the page's overflow, measured in the page. */
async function measure(page: Page): Promise<{ overflow: number; small: string[]; wide: string[] }> {
  // A string, not a function: the project's types have no DOM.
  return page.evaluate(`(() => {
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!node.textContent.trim() || el.closest('title, desc')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      const svg = el.closest('svg');
      if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      if (size < 11) small.push(size.toFixed(1) + 'px: ' + node.textContent.trim().slice(0, 40));
    }
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).slice(0, 5).map((e) => e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30));
    return { overflow: document.documentElement.scrollWidth - window.innerWidth, small, wide };
  })()`);
}

/** The page's headings, captions and column headers, as shown. */
async function headings(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('h1, h2, h3, h4, caption, summary, thead th')].map((e) => e.textContent.trim()).filter(Boolean)`);
}

describe('organization reports at 390 px in Chromium', () => {
  let run: PipelineRun;
  let browser: Browser;
  let reports: OrgReportFiles[];

  beforeAll(async () => {
    expect(HAS_CHROMIUM, 'Chromium is required for browser tests (apt-get install -y chromium)').toBe(true);
    run = await seededPipelineRun('sqlite', 5, 16);
    const written = await writeReports(run.results, run.dir);
    // Two organizations with the most to show (comparisons and breakdowns), in both languages.
    const codes = run.results.organizations
      .filter((o) => o.reportable)
      .sort((a, b) => (b.breakdowns ?? []).flatMap((x) => x.cells).filter((c) => c.mean !== null).length - (a.breakdowns ?? []).flatMap((x) => x.cells).filter((c) => c.mean !== null).length)
      .slice(0, 2)
      .map((o) => o.code);
    reports = codes.map((code) => written.orgReports.find((o) => o.code === code)!);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await run?.tdb.destroy();
  });

  it('no horizontal scroll, no text under 11 px, axe clean, each linking to the other — English and Spanish', async () => {
    const { context, foreignRequests, consoleErrors } = await newContext(browser, 'file://', { bypassCSP: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const check = async (where: string, lang: 'en' | 'es') => {
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      await expect(page.locator('figure[data-chart="differences"] svg circle').count(), where).resolves.toBeGreaterThan(0);
      const m = await measure(page);
      expect(m.overflow, `${where}: page wider than the screen: ${m.wide.join(' | ')}`).toBeLessThanOrEqual(0);
      expect(m.small, where).toEqual([]);
      const violations = await seriousAxeViolations(page);
      expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    };
    for (const { code, files } of reports) {
      await page.goto(pathToFileURL(files.en).href);
      await check(`${code} (en)`, 'en');
      const enHeadings = await headings(page);
      // The English page's link opens the Spanish file beside it…
      await page.getByRole('link', { name: 'Leer este informe en español' }).click();
      await page.waitForURL(pathToFileURL(files.es).href);
      await check(`${code} (es)`, 'es');
      const esHeadings = await headings(page);
      await expect(page.locator('h2').first().textContent()).resolves.toBe('Fortalezas y temas para conversar');
      await expect(page.locator('#withheld > h2').textContent()).resolves.toMatch(/^Qué se ocultó/);
      // …which has every heading, caption and column header of the English page, none of them left in English.
      expect(esHeadings.length, code).toBe(enHeadings.length);
      expect(esHeadings.length, code).toBeGreaterThan(10);
      expect(esHeadings.filter((h) => enHeadings.includes(h) && /[a-z]{3}/i.test(h)), code).toEqual([]);
      // …and links back.
      await page.getByRole('link', { name: 'Read this report in English' }).click();
      await page.waitForURL(pathToFileURL(files.en).href);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    }
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 120_000);

  it('the profile link serves the report in Spanish with ?lang=es or a Spanish browser, in English otherwise; the closed profile page links to it in its language', async () => {
    await publishPipelineRun(run);
    const app = createApp({ db: run.tdb.handle.db, writer: run.tdb.writer, config: { secret: TEST_SECRET } });
    const org = await run.tdb.handle.db.selectFrom('organizations').select(['id', 'code']).where('code', '=', reports[0].code).executeTakeFirstOrThrow();
    const token = await createOrgLink(run.tdb.handle.db, TEST_SECRET, run.waveId, org.id, 'profile');
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const res = await app.request(url, { headers });
      expect(res.status, url).toBe(200);
      return res.text();
    };
    const es = await get(`/p/${token}/report?lang=es`);
    expect(es).toContain('<html lang="es">');
    expect(es).toContain(`Informe de la organización — ${org.code}`);
    // Served, each language links to the other through the same address's ?lang=.
    expect(es).toContain('<a href="?lang=en" hreflang="en" lang="en">Read this report in English</a>');
    expect(await get(`/p/${token}/report?lang=en`)).toContain('<a href="?lang=es" hreflang="es" lang="es">Leer este informe en español</a>');
    expect(await get(`/p/${token}/report`, { 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.5' })).toContain('<html lang="es">');
    const en = await get(`/p/${token}/report`, { 'Accept-Language': 'es;q=0.9' }).then(() => get(`/p/${token}/report?lang=en`, { 'Accept-Language': 'es' }));
    expect(en).toContain('<html lang="en">');
    expect(await get(`/p/${token}/report`)).toContain('<html lang="en">');
    // A language the reports do not have: a clear refusal in both languages, not a silent English page.
    const bad = await app.request(`/p/${token}/report?lang=fr`);
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toContain('?lang=es');
    expect(badText).toContain('no es un idioma del informe');
    // The closed wave's profile page carries the contact's language on to the report.
    const closed = await app.request(`/p/${token}?lang=es`);
    expect(closed.status).toBe(409);
    const href = /<a href="([^"]+)">Lea el informe/.exec(await closed.text())![1];
    expect(href).toBe(`/p/${token}/report?lang=es`);
    expect(await get(href)).toContain('<html lang="es">');
  }, 120_000);
});
