import path from 'node:path';
import type { Page } from 'playwright-core';
import { generateDemo } from '../../src/demo/generate';
import { startTestServer, TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from '../../src/server/testing/server';

export const DIST = path.resolve(import.meta.dirname, '../../dist');

/** A real server serving the built dashboard, filled with the demo data. */
export async function startAppServer(opts: { demo?: boolean } = {}): Promise<{ srv: TestServer; ids: Record<string, string> }> {
  const srv = await startTestServer({ staticDir: DIST });
  const ids = opts.demo === false ? {} : await generateDemo(srv.client);
  return { srv, ids };
}

/** Logs in through the login page. */
export async function logIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Access key').fill(TEST_ACCESS_KEY);
  await page.getByLabel('Secret key').fill(TEST_SECRET_KEY);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'projects' }).waitFor();
}
