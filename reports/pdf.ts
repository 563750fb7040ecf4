// Prints a report to PDF with Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH),
// offline: every request other than the file itself is refused. The PDF is tagged for
// screen readers, has an outline (bookmarks from the headings) and a page number in every
// footer; the report's print CSS keeps charts and tables whole.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ReportError } from './errors.js';
import { writeFileAtomic } from '../pipeline/atomic-write.js';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Chromium fills .pageNumber and .totalPages; the template needs its own font size (its default is tiny).
export const FOOTER =
  '<div style="width:100%;font:9pt system-ui,sans-serif;color:#444;text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

export function chromiumPath(env: NodeJS.ProcessEnv): string {
  return env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

export async function printPdf(htmlFile: string, pdfFile: string, executablePath: string): Promise<void> {
  if (!fs.existsSync(executablePath)) {
    throw new ReportError(
      'config',
      `Chromium is not installed at ${executablePath}, so no PDF was made: install it (apt-get install -y chromium) or set CHROMIUM_PATH; the HTML report is at ${htmlFile} and prints from any browser.`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ARGS, headless: true });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const own = pathToFileURL(htmlFile).href;
    await page.route('**/*', (route) => (route.request().url() === own ? route.continue() : route.abort()));
    await page.goto(own, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      // The header stays empty: a synthetic-data report's mark is in the page's top margin (CSS).
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
    });
    writeFileAtomic(pdfFile, pdf);
  } finally {
    await browser.close();
  }
}
