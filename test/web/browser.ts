import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';
import type { TestApp } from '../support/test-app.js';

/**
 * The workbench in a real browser: Debian's Chromium driven by playwright-core (no browser download),
 * against the real service serving the production build (dist/web, made by `npm run build`).
 * `.ci/run` installs Chromium; on a developer machine without it the browser suites are skipped
 * with a note, and CI=true makes a missing browser a failure instead.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The pages mark what tests reach for with data-test="…" (getByTestId reads it).
selectors.setTestIdAttribute('data-test');
const HAVE_BROWSER = existsSync(CHROMIUM);
if (!HAVE_BROWSER && !process.env.CI) console.warn(`workbench browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-microhei)`);
export const describeInBrowser: jest.Describe = HAVE_BROWSER || process.env.CI ? describe : describe.skip;

/** Screenshots a reviewer opens after the run: test/artifacts/web/<name>.png. */
export const ARTIFACTS = resolve('test/artifacts/web');

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Serves the app on a free port and starts Chromium; the web build must exist. */
export async function openWorkbench(t: TestApp): Promise<{ base: string; browser: Browser }> {
  if (!existsSync(resolve('dist/web/index.html'))) throw new Error('dist/web is missing: run `npm run build` first (npm test does)');
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return { base, browser };
}

/** A fresh browser context signed in through the login page; page errors fail the test. */
export async function signIn(browser: Browser, base: string, username: string, password: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // Well inside Jest's limit, so a missing element fails with Playwright's message naming it.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  uncaught.set(page, errors);
  await page.goto(`${base}/login`);
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

const uncaught = new WeakMap<Page, string[]>();

/** Uncaught errors the page threw so far (a page that throws is broken even if it looks right). */
export function pageErrors(page: Page): string[] {
  return uncaught.get(page) ?? [];
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The text of the last Element Plus message toast (success or error), or of the one saying `expected`. */
export async function toast(page: Page, expected?: string): Promise<string> {
  // With the words expected, wait for that message: an earlier one may still be showing.
  const el = (expected ? page.locator('.el-message', { hasText: expected }) : page.locator('.el-message')).last();
  try {
    await el.waitFor({ state: 'visible' });
  } catch (e) {
    const shown = await page.locator('.el-message').allInnerTexts();
    throw new Error(`no message saying "${expected}" appeared; shown: ${JSON.stringify(shown)}`, { cause: e });
  }
  return (await el.innerText()).trim();
}

/** Picks an option of an Element Plus select by its visible label. */
export async function choose(page: Page, select: string, label: string): Promise<void> {
  await page.locator(select).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click();
}

/** True when no element has a scroll width beyond the viewport (no sideways scrolling on a phone). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}
