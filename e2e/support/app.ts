import path from 'node:path';
import type { Page } from 'playwright-core';
import { generateDemo } from '../../src/client/demo/generate';
import { openBrowser } from './browser';
import { startTestServer, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD, type TestServer } from '../../src/server/testing/server';

export const DIST = path.resolve(import.meta.dirname, '../../dist');

/** A real server serving the built dashboard, filled with the demo data. */
export async function startAppServer(opts: { demo?: boolean } = {}): Promise<{ srv: TestServer; ids: Record<string, string> }> {
  const srv = await startTestServer({ staticDir: DIST });
  const ids = opts.demo === false ? {} : await generateDemo(srv.client);
  return { srv, ids };
}

/** Signs in through the sign-in page (as the test admin unless told otherwise). */
export async function logIn(page: Page, url: string, login = TEST_ADMIN_LOGIN, password = TEST_ADMIN_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'projects' }).waitFor();
}

export interface AppSession {
  srv: TestServer;
  ids: Record<string, string>;
  page: Page;
  /** The id of a project by its full name (`Demo/Vision/ResNet`). */
  projectId(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A server with the built dashboard (and the demo data unless told not), a browser, logged in. */
export async function openApp(opts: { demo?: boolean } = {}): Promise<AppSession> {
  const { srv, ids } = await startAppServer(opts);
  const browser = await openBrowser();
  await logIn(browser.page, `${srv.url}/projects`);
  return {
    srv,
    ids,
    page: browser.page,
    async projectId(name) {
      const { projects } = await srv.client.call('projects.get_all', {});
      const p = projects.find((x) => x.name === name);
      if (!p) throw new Error(`No project named ${name}`);
      return p.id;
    },
    async close() {
      await browser.close();
      await srv.stop();
    },
  };
}
