// Reports of generated data say so on every page: a pipeline run on a wave of synthetic
// responses records it in results.json's run block, and the study report and every
// organization report, in English and in Spanish, carry the banner in its language (and,
// printed, a line atop every page); the same wave with its responses marked as real carries none.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeReports, type WrittenReports } from '../../reports/index.js';
import { readResults } from '../../reports/schema.js';
import { runPipeline } from '../../pipeline/run.js';
import { DIALECTS, tempDir } from '../helpers/databases.js';
import { HAS_CHROMIUM, launchBrowser, newContext, expectAccessible } from '../helpers/browser.js';
import { seededPipelineRun, type PipelineRun } from './helpers/pipeline-run.js';

const BANNER = 'Synthetic data — not real responses.';
const BANNER_ES = 'Datos sintéticos: no son respuestas reales.';

/** Every report file written, with the banner it should carry. */
const files = (w: WrittenReports): [string, string][] => [
  [w.studyReport, BANNER],
  ...w.orgReports.flatMap((o): [string, string][] => [[o.files.en, BANNER], [o.files.es, BANNER_ES]]),
];

for (const dialect of DIALECTS) {
  describe(`synthetic data are marked in every report (${dialect})`, () => {
    let run: PipelineRun;
    let written: WrittenReports;
    let real: WrittenReports;

    beforeAll(async () => {
      run = await seededPipelineRun(dialect, 23, 14);
      written = await writeReports(run.results, run.dir);
      // The same answers as if they had come through the survey.
      await run.tdb.handle.db.updateTable('responses').set({ source: 'web' }).where('wave_id', '=', run.waveId).execute();
      const dir = path.join(tempDir('rootwork-real-'), 'run');
      const { results } = await runPipeline({ waveId: run.waveId, outDir: dir }, { db: run.tdb.handle.db, log: () => {} });
      expect(results.run.synthetic).toBe(false);
      real = await writeReports(results, dir);
    });
    afterAll(async () => run?.tdb.destroy());

    it('records it in results.json', () => {
      expect(run.results.run.synthetic).toBe(true);
      expect(readResults(path.join(run.dir, 'results.json')).run.synthetic).toBe(true);
    });

    it('puts the banner, in the report\'s language, at the top of the study report and of every organization report', () => {
      expect(written.orgReports.length).toBeGreaterThan(0);
      for (const [file, banner] of files(written)) {
        const html = fs.readFileSync(file, 'utf8');
        expect(new RegExp(`<body class="synthetic"><main><div class="synthetic-banner"[^>]*><strong>${banner}</strong>`).test(html), file).toBe(true);
      }
    });

    it('marks nothing when the responses are real', () => {
      for (const [file] of files(real)) {
        const html = fs.readFileSync(file, 'utf8');
        expect(html.includes('class="synthetic-banner"'), file).toBe(false);
        expect(html.includes('<body><main>'), file).toBe(true);
      }
    });
  });
}

describe.runIf(HAS_CHROMIUM)('a synthetic-data report in Chromium', () => {
  let run: PipelineRun;
  let written: WrittenReports;
  let browser: Browser;

  beforeAll(async () => {
    run = await seededPipelineRun('sqlite', 29, 12);
    written = await writeReports(run.results, run.dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await run?.tdb.destroy();
  });

  it('shows the banner first, accessibly, and prints every page on the marked page style, in the report\'s language', async () => {
    const { context } = await newContext(browser, 'file://', { bypassCSP: true });
    const page = await context.newPage();
    const marks = [
      { file: written.studyReport, style: 'synthetic', words: /@top-center\s*\{[^}]*Synthetic data/ },
      { file: written.orgReports[0].files.en, style: 'synthetic', words: /@top-center\s*\{[^}]*Synthetic data/ },
      { file: written.orgReports[0].files.es, style: 'synthetic-es', words: /@top-center\s*\{[^}]*Datos sintéticos/ },
    ];
    for (const { file, style, words } of marks) {
      await page.goto(`file://${file}`);
      const banner = page.locator('main > :first-child');
      expect(await banner.getAttribute('class')).toBe('synthetic-banner');
      expect(await banner.isVisible()).toBe(true);
      await expectAccessible(page, path.basename(file));
      await page.emulateMedia({ media: 'print' });
      // The named print page whose top margin says "Synthetic data" on every sheet.
      expect(await page.evaluate("getComputedStyle(document.body).getPropertyValue('page')")).toBe(style);
      const rule = (await page.evaluate(`[...document.styleSheets].flatMap((s) => [...s.cssRules]).map((r) => r.cssText).find((t) => t.startsWith('@page ${style} ')) ?? ''`)) as string;
      expect(rule, file).toMatch(words);
      await page.emulateMedia({ media: 'screen' });
    }
    await context.close();
  });
});
