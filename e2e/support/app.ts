import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateDemo } from '../../src/client/demo/generate';
import { openPage } from './browser';
import { startTestServer, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD, type TestServer } from '../../src/server/testing/server';
import type { ServerConfig } from '../../src/server/config';

export interface AppOptions {
  demo?: boolean;
  /** Server settings for the test (a short watchdog, say). */
  server?: Partial<ServerConfig>;
}

export const DIST = path.resolve(import.meta.dirname, '../../dist');

/** A real server serving the built dashboard, filled with the demo data. */
export async function startAppServer(opts: AppOptions = {}): Promise<{ srv: TestServer; ids: Record<string, string> }> {
  const srv = await startTestServer({ ...opts.server, staticDir: DIST });
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

/**
 * A server with the built dashboard (and the demo data unless told not), and a page of its own on the
 * test runner's browser, logged in.
 */
export async function openApp(browser: Browser, opts: AppOptions = {}): Promise<AppSession> {
  const { srv, ids } = await startAppServer(opts);
  const session = await openPage(browser);
  await logIn(session.page, `${srv.url}/projects`);
  return {
    srv,
    ids,
    page: session.page,
    async projectId(name) {
      const { projects } = await srv.client.call('projects.get_all', {});
      const p = projects.find((x) => x.name === name);
      if (!p) throw new Error(`No project named ${name}`);
      return p.id;
    },
    async close() {
      try {
        await session.close();
      } finally {
        await srv.stop();
      }
    },
  };
}
