import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /**
   * Console reports of scripts, styles, workers or fonts the server's Content-Security-Policy blocked
   * (the dashboard would be broken); close() fails when there are any. Blocked images and connections
   * are the policy keeping other hosts out, and are not counted.
   */
  cspViolations: string[];
  close(): Promise<void>;
}

/** Headless Debian Chromium with a fresh profile and no network chatter. */
export async function openBrowser(): Promise<BrowserSession> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cspViolations: string[] = [];
  const watch = (p: Page) =>
    p.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text()) && !/"(img|connect)-src /.test(m.text())) cspViolations.push(m.text());
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    page,
    cspViolations,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
      if (cspViolations.length) throw new Error(`The Content-Security-Policy blocked:\n${cspViolations.join('\n')}`);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
