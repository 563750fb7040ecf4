// Drives a survey page in Chromium two ways: keyboard only (Tab, arrows, Space, typing,
// Enter; focus is only observed, never set) and by pointer (clicks and fills, which work
// with JavaScript turned off).
import type { Page } from 'playwright-core';

// These callbacks run in the page; the project compiles without the DOM library, so the
// page's globals are reached through a minimal local type.
type PageGlobals = { document: { activeElement: { matches(s: string): boolean } | null; getElementById(id: string): { tagName: string; type?: string } | null } };

const focused = (page: Page, selector: string) => page.evaluate((s) => (globalThis as unknown as PageGlobals).document.activeElement?.matches(s) ?? false, selector);

/** Presses Tab until the element matching `selector` has focus. */
export async function tabTo(page: Page, selector: string, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await focused(page, selector)) return;
  }
  throw new Error(`Could not reach ${selector} with the Tab key.`);
}

async function kind(page: Page, id: string): Promise<string> {
  return page.evaluate((i) => {
    const el = (globalThis as unknown as PageGlobals).document.getElementById(i);
    return el?.tagName === 'INPUT' ? (el.type ?? 'text') : el?.tagName.toLowerCase() ?? 'missing';
  }, id);
}

/** Answers one field by keyboard: radios by arrow keys, boxes by Space, text by typing. */
export async function answerByKeyboard(page: Page, name: string, value: string): Promise<void> {
  const radioId = `f-${name}-${value}`;
  if ((await kind(page, radioId)) === 'radio') {
    // Tab enters a radio group once; arrows then move (and select) within it.
    await tabTo(page, `input[type=radio][name="${name}"]`);
    for (let i = 0; i < 12 && !(await focused(page, `[id="${radioId}"]`)); i++) await page.keyboard.press('ArrowDown');
    if (!(await page.isChecked(`[id="${radioId}"]`))) await page.keyboard.press('Space');
    return;
  }
  const id = `f-${name}`;
  const k = await kind(page, id);
  await tabTo(page, `#${id}`);
  if (k === 'checkbox') {
    if (!(await page.isChecked(`#${id}`))) await page.keyboard.press('Space');
  } else {
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(value);
  }
}

export async function pressButtonByKeyboard(page: Page, action: string): Promise<void> {
  await tabTo(page, `button[value="${action}"]`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Answers one field with the pointer. */
export async function answerByPointer(page: Page, name: string, value: string): Promise<void> {
  const radio = page.locator(`[id="f-${name}-${value}"]`);
  if ((await radio.count()) > 0) return radio.check();
  const field = page.locator(`#f-${name}`);
  if ((await field.getAttribute('type')) === 'checkbox') return field.check();
  return field.fill(value);
}

export async function pressButton(page: Page, action: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(`button[value="${action}"]`)]);
}
