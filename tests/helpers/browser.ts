// Real Chromium for browser tests: Debian's package at /usr/bin/chromium driven by
// playwright-core, with axe-core injected from node_modules (no network).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createApp } from '../../survey/app.js';
import { startServer, type RunningServer } from '../../survey/server.js';
import { TEST_SECRET, type TestDatabase } from './databases.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!HAS_CHROMIUM) throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface ContextOptions {
  javaScriptEnabled?: boolean;
  locale?: string;
  viewport?: { width: number; height: number };
  /** Needed to inject axe-core: Rootwork's CSP (rightly) blocks inline scripts. */
  bypassCSP?: boolean;
}

/**
 * A context that records every request leaving for a host other than `allowedOrigin`
 * and every console error, so tests can assert there were none.
 */
export async function newContext(browser: Browser, allowedOrigin: string, options: ContextOptions = {}) {
  const context: BrowserContext = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1024, height: 800 },
    bypassCSP: options.bypassCSP ?? false,
  });
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(allowedOrigin) && !url.startsWith('data:') && !url.startsWith('about:')) foreignRequests.push(url);
  });
  context.on('page', (page) => watchConsole(page, consoleErrors));
  return { context, foreignRequests, consoleErrors };
}

function watchConsole(page: Page, sink: string[]) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') sink.push(msg.text());
  });
  page.on('pageerror', (err) => sink.push(err.message));
}

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page; returns violations of impact serious or critical. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // axe needs JavaScript and an exemption from the CSP: use a context made with
  // { javaScriptEnabled: true, bypassCSP: true }.
  await page.addScriptTag({ path: AXE_PATH });
  const result = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: AxeViolation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails the test with the list of serious or critical axe violations on the page, if any. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** The real service for a test database on a free loopback port, with Chromium beside it. */
export interface ServedInChromium {
  server: RunningServer;
  origin: string;
  browser: Browser;
}

export async function serveInChromium(t: TestDatabase, log: (line: string) => void = () => {}): Promise<ServedInChromium> {
  const server = await startServer(createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log }), 0);
  return { server, origin: `http://127.0.0.1:${server.port}`, browser: await launchBrowser() };
}
