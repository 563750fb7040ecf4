// The reports in real Chromium: the study report and organization reports open from disk
// with no console error and no request to any host, every chart is an SVG with marks, axe
// finds nothing serious; served by the app (org contact's link), the CSP holds. Screenshots
// are kept under test-results/reports/. Also `rootwork report --pdf`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { writeReports } from '../../reports/index.js';
import { createApp } from '../../survey/app.js';
import { startServer, type RunningServer } from '../../survey/server.js';
import { HAS_CHROMIUM, launchBrowser, newContext, seriousAxeViolations } from '../helpers/browser.js';
import { TEST_SECRET } from '../helpers/databases.js';
import { publishPipelineRun, seededPipelineRun, type PipelineRun } from '../reports/helpers/pipeline-run.js';

const SHOTS = path.resolve('test-results/reports');

describe('reports in Chromium', () => {
  let run: PipelineRun;
  let browser: Browser;
  let orgCodes: string[];

  beforeAll(async () => {
    expect(HAS_CHROMIUM, 'Chromium is required for browser tests (apt-get install -y chromium)').toBe(true);
    run = await seededPipelineRun('sqlite', 5, 16);
    await writeReports(run.results, run.dir);
    // The served report comes from a published release.
    await publishPipelineRun(run);
    orgCodes = run.results.organizations.filter((o) => o.reportable).map((o) => o.code);
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await run?.tdb.destroy();
    if (run) fs.rmSync(path.dirname(run.dir), { recursive: true, force: true });
  });

  async function expectChartsWithMarks(page: Page, where: string): Promise<number> {
    const figures = page.locator('figure[data-chart]');
    const count = await figures.count();
    for (let i = 0; i < count; i++) {
      const fig = figures.nth(i);
      const name = await fig.getAttribute('data-chart');
      await expect(fig.locator('svg[role="img"]').count(), `${where} ${name}: svg`).resolves.toBe(1);
      const marks = await fig.locator('svg [class*="role-mark"] > *, svg > circle, svg > path:not(.background)').count();
      expect(marks, `${where} ${name}: marks`).toBeGreaterThan(0);
      await expect(fig.locator('svg title').first().textContent(), `${where} ${name}: title`).resolves.toMatch(/\w/);
      await expect(fig.locator('figcaption').textContent(), `${where} ${name}: caption`).resolves.toMatch(/\w{10}/);
      await expect(fig.locator('table').count(), `${where} ${name}: data table`).resolves.toBe(1);
    }
    return count;
  }

  it('the study report opens offline: no console error, no request, every chart an SVG with marks, axe clean', async () => {
    const { context, foreignRequests, consoleErrors } = await newContext(browser, 'file://', { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(run.dir, 'study-report.html')).href);
    expect(await expectChartsWithMarks(page, 'study')).toBeGreaterThanOrEqual(6);
    await expect(page.locator('h1').textContent()).resolves.toContain('Report test 5');
    await expect(page.locator('#findings .finding').count()).resolves.toBe(5);
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'study-report.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('organization reports open offline with their charts, and axe finds nothing serious', async () => {
    const { context, foreignRequests, consoleErrors } = await newContext(browser, 'file://', { bypassCSP: true });
    const page = await context.newPage();
    for (const [i, code] of orgCodes.slice(0, 3).entries()) {
      await page.goto(pathToFileURL(path.join(run.dir, 'orgs', `${code}.html`)).href);
      expect(await expectChartsWithMarks(page, code)).toBeGreaterThanOrEqual(1);
      await expect(page.locator('.question').count()).resolves.toBe(3);
      // axe is slow on a shared machine: one organization report stands for the template.
      if (i === 0) {
        const violations = await seriousAxeViolations(page);
        expect(violations, `${code}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
      await page.screenshot({ path: path.join(SHOTS, `org-${code}.png`), fullPage: true });
    }
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('served through the organization contact’s profile link, the report keeps the service’s CSP with no violation', async () => {
    const reportsDir = path.dirname(run.dir);
    const server: RunningServer = await startServer(createApp({ db: run.tdb.handle.db, writer: run.tdb.writer, config: { secret: TEST_SECRET }, log: () => {}, reportsDir }), 0);
    try {
      const origin = `http://127.0.0.1:${server.port}`;
      const org = await run.tdb.handle.db.selectFrom('organizations').select(['id', 'code']).where('code', '=', orgCodes[0]).executeTakeFirstOrThrow();
      const token = await createOrgLink(run.tdb.handle.db, TEST_SECRET, run.waveId, org.id, 'profile');
      const { context, foreignRequests, consoleErrors } = await newContext(browser, origin);
      const page = await context.newPage();
      const res = await page.goto(`${origin}/p/${token}/report`);
      expect(res?.status()).toBe(200);
      expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
      await expect(page.locator('h1').textContent()).resolves.toContain(org.code);
      // The stylesheet applied (from /assets/report.css, not inline): section headings get their rule.
      await expect(page.locator('h2').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderBottomStyle: string } }).getComputedStyle(el).borderBottomStyle)).resolves.toBe('solid');
      expect(await expectChartsWithMarks(page, 'served')).toBeGreaterThanOrEqual(1);
      await page.screenshot({ path: path.join(SHOTS, 'served-org-report.png') });
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await context.close();
    } finally {
      await server.close();
    }
  });

  it('in print, charts and tables are kept whole on a page', async () => {
    const { context } = await newContext(browser, 'file://');
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(run.dir, 'study-report.html')).href);
    await page.emulateMedia({ media: 'print' });
    type Styled = { getComputedStyle(e: unknown): { breakInside: string; breakBefore: string } };
    const style = (sel: string) => page.locator(sel).first().evaluate((el) => {
      const s = (globalThis as unknown as Styled).getComputedStyle(el);
      return { inside: s.breakInside, before: s.breakBefore };
    });
    // A figure's chart (with its caption) and its data table are each kept whole; the table may start the next page.
    await expect(style('figure .chart')).resolves.toEqual(expect.objectContaining({ inside: 'avoid' }));
    await expect(style('table')).resolves.toEqual(expect.objectContaining({ inside: 'avoid' }));
    await expect(style('section.appendix')).resolves.toEqual(expect.objectContaining({ before: 'page' }));
    await context.close();
  });

  it('rootwork report --pdf prints the study report to PDF', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['report', '--run', run.dir, '--pdf'], { env: { ...process.env }, out: (l) => out.push(l), err: (l) => err.push(l), interactive: false });
    expect(code, err.join('\n')).toBe(0);
    const pdf = path.join(run.dir, 'study-report.pdf');
    expect(out).toContain(pdf);
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
    fs.copyFileSync(pdf, path.join(SHOTS, 'study-report.pdf'));
  });
});
