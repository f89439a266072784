import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORT } from './chromium';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

const violations = new WeakMap<BrowserContext, string[]>();

/**
 * Records console reports of scripts, styles, workers or fonts the server's Content-Security-Policy blocked
 * (the dashboard would be broken). Blocked images and connections are the policy keeping other hosts out,
 * and are not counted.
 */
function watchCsp(context: BrowserContext): void {
  const seen: string[] = [];
  violations.set(context, seen);
  const watch = (p: Page) =>
    p.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text()) && !/"(img|connect)-src /.test(m.text())) seen.push(m.text());
    });
  context.pages().forEach(watch);
  context.on('page', watch);
}

/** The CSP violations recorded in these contexts since the last call; each is reported once. */
export function takeCspViolations(contexts: BrowserContext[]): string[] {
  return contexts.flatMap((c) => violations.get(c)?.splice(0) ?? []);
}

export function cspError(found: string[]): Error {
  return new Error(`The Content-Security-Policy blocked:\n${found.join('\n')}`);
}

async function session(context: BrowserContext, cleanup: () => void = () => {}): Promise<BrowserSession> {
  watchCsp(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      const found = takeCspViolations([context]);
      await context.close();
      cleanup();
      if (found.length) throw cspError(found);
    },
  };
}

/**
 * A fresh context (its own cookies and storage) on the e2e runner's browser, which Playwright Test launches
 * with a temporary profile of its own (playwright.config.ts) and traces.
 */
export async function openPage(browser: Browser): Promise<BrowserSession> {
  return session(await browser.newContext({ viewport: VIEWPORT }));
}

/** Headless Debian Chromium with a fresh profile, outside the test runner (the dashboard bench). */
export async function openBrowser(): Promise<BrowserSession> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: CHROMIUM_ARGS,
  });
  return session(context, () => fs.rmSync(profile, { recursive: true, force: true }));
}

/**
 * A picture of the page once its transitions have ended: a menu closing or a tooltip fading after the test's
 * last click was caught half drawn over the content. Endless animations (spinners, skeletons) are not waited on.
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  // Charts animate on their own clock (zrender's), which the document's animations do not list: a chart caught
  // mid-animation shows its lines not yet drawn. A chart that never settles does not hold the picture up for long.
  await page
    .waitForFunction(
      () => [...(window.__taskdeckCharts?.values() ?? [])].every((c) => c.isDisposed() || c.getZr().animation.isFinished()),
      undefined,
      { timeout: 5000 },
    )
    .catch(() => {});
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage });
}

/**
 * A picture for the docs: written into `docs/screenshots/` only with `TASKDECK_DOCS_SCREENSHOTS=1`
 * (so an ordinary test run leaves the checkout clean), else under `e2e/screenshots/docs/`: apart from the test
 * screenshots, some of which have the same names (`table`), and which another file may be writing at the same time.
 */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  const dir =
    process.env.TASKDECK_DOCS_SCREENSHOTS === '1'
      ? path.resolve(import.meta.dirname, '../../docs/screenshots')
      : path.join(SCREENSHOTS, 'docs');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}
