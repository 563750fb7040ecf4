// The study report on a phone and on paper, in real Chromium, on a study of the demo's size
// and seed. At 390 px: no horizontal scrolling, no visible text under 11 px (SVG text at the
// size it is drawn), tables stacked, and axe finds no violation. The PDF of `rootwork report
// --pdf`: tagged, an outline (bookmarks), "Page N of M" on every page (read with pdftotext
// from poppler-utils), and no page less than half full except one before an appendix or the
// last. Figures measured here are printed for the record.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { writeReports } from '../../reports/index.js';
import { HAS_CHROMIUM, launchBrowser, newContext } from '../helpers/browser.js';
import { demoPipelineRun, type PipelineRun } from '../reports/helpers/pipeline-run.js';

const SHOTS = path.resolve('test-results/reports');
const MIN_TEXT_PX = 11;

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the study report on a phone and in print', () => {
  let run: PipelineRun;
  let browser: Browser;
  let html: string;
  let pdf: string;

  beforeAll(async () => {
    expect(HAS_CHROMIUM, 'Chromium is required for browser tests (apt-get install -y chromium)').toBe(true);
    run = await demoPipelineRun();
    html = (await writeReports(run.results, run.dir)).studyReport;
    const err: string[] = [];
    const code = await main(['report', '--run', run.dir, '--pdf'], { env: { ...process.env }, out: () => {}, err: (l) => err.push(l), interactive: false });
    expect(code, err.join('\n')).toBe(0);
    pdf = path.join(run.dir, 'study-report.pdf');
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await run?.tdb.destroy();
    if (run) fs.rmSync(path.dirname(run.dir), { recursive: true, force: true });
  });

  it('at 390 px: no horizontal scroll, no text under 11 px, tables stacked, and axe finds no violation', async () => {
    const { context, consoleErrors, foreignRequests } = await newContext(browser, 'file://', { viewport: { width: 390, height: 844 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(pathToFileURL(html).href);
    const layout = await page.evaluate((min) => {
      const d = globalThis as unknown as { document: any; getComputedStyle(e: unknown): any; NodeFilter: { SHOW_TEXT: number } };
      const doc = d.document;
      const small: string[] = [];
      let checked = 0;
      let svgChecked = 0;
      const walker = doc.createTreeWalker(doc.body, d.NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent.trim()) continue;
        const el = n.parentElement;
        // Unrendered text (a closed <details>, a visually hidden table head) has no boxes.
        if (el.getClientRects().length === 0) continue;
        const style = d.getComputedStyle(el);
        if (style.visibility === 'hidden' || el.closest('thead') && d.getComputedStyle(el.closest('thead')).position === 'absolute') continue;
        let px = parseFloat(style.fontSize);
        if (el.closest('svg')) {
          // SVG text is drawn at its font size times the scale the SVG is drawn at.
          const m = el.getScreenCTM();
          px *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
          svgChecked += 1;
        }
        checked += 1;
        if (px < min - 0.01) small.push(`${px.toFixed(1)} px: ${n.textContent.trim().slice(0, 40)}`);
      }
      const row = [...doc.querySelectorAll('figure > table.stack tbody tr')].find((r: any) => r.getClientRects().length > 0);
      return { scrollWidth: doc.documentElement.scrollWidth, small, checked, svgChecked, rowDisplay: row ? d.getComputedStyle(row).display : null };
    }, MIN_TEXT_PX);
    expect(layout.scrollWidth).toBeLessThanOrEqual(390);
    expect(layout.small).toEqual([]);
    expect(layout.checked).toBeGreaterThan(500);
    expect(layout.svgChecked).toBeGreaterThan(100);
    expect(layout.rowDisplay).toBe('block');
    await page.screenshot({ path: path.join(SHOTS, 'study-report-390.png'), fullPage: true });

    await page.addScriptTag({ path: (await import('node:module')).createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      // @ts-expect-error axe is injected above
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((x) => x.target) }));
    });
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('the PDF is tagged, has an outline and page numbers, and no half-empty page except before an appendix', () => {
    expect(hasPdftotext(), 'the PDF test reads text with pdftotext: apt-get install -y poppler-utils').toBe(true);
    const bytes = fs.readFileSync(pdf).toString('latin1');
    expect(bytes).toMatch(/\/Outlines \d+ 0 R/);
    for (const heading of ['The five questions, answered', 'The picture in charts', 'Appendix A. Methods', 'Appendix C. Glossary']) {
      expect(bytes, heading).toContain(`/Title (${heading})`);
    }
    expect(bytes).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(bytes).toMatch(/\/Marked true/);

    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    const total = pages.length;
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${total}`));
    // The footer template does not displace the synthetic-data mark in each page's top margin.
    expect(run.results.run.synthetic).toBe(true);
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain('Synthetic data — not real responses. Do not cite.'));

    // How far down each page the text reaches, between the 16 mm margins, footer left out.
    const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const fills = [...bbox.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, h, body]) => {
      const height = Number(h);
      const margin = (16 / 25.4) * 72;
      const words = [...body.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ top: Number(m[1]), bottom: Number(m[2]), text: m[3] }));
      const inside = words.filter((w) => w.top > margin - 1 && w.bottom < height - margin + 1);
      const lowest = Math.max(margin, ...inside.map((w) => w.bottom));
      return { fill: (lowest - margin) / (height - 2 * margin), first: inside.slice(0, 2).map((w) => w.text).join(' ') };
    });
    expect(fills).toHaveLength(total);
    const thin = fills
      .map((f, i) => ({ page: i + 1, fill: Math.round(f.fill * 100), next: fills[i + 1]?.first ?? '(end)' }))
      .filter((f) => f.fill < 50 && f.page < total && !f.next.startsWith('Appendix'));
    expect(thin).toEqual([]);
    fs.copyFileSync(pdf, path.join(SHOTS, 'study-report-demo.pdf'));
    console.log(`study report PDF (demo-sized study): ${total} pages`);
  });
});
