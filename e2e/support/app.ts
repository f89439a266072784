import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateDemo } from '../../src/client/demo/generate';
import { openPage } from './browser';
import { demoTemplate } from './demo-template';
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
  const template = opts.demo !== false && !opts.server ? demoTemplate() : undefined;
  if (template) {
    try {
      const srv = await startTestServer({ staticDir: DIST, port: template.port }, { seed: template.dir });
      return { srv, ids: template.ids };
    } catch (e) {
      // Its port taken meanwhile (by some connection's local end): the demo data is made anew, on a free port.
      if (!/EADDRINUSE/.test(String(e))) throw e;
    }
  }
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

/**
 * Signs the page's browser context in through the API (the cookie the sign-in page would get, in the context's
 * jar) and opens `url`: most files test what comes after signing in, and the sign-in page's own round (its load,
 * typing, the redirect) cost about a second a file. auth, history and xss go through the page (logIn).
 */
export async function signedIn(page: Page, url: string, login = TEST_ADMIN_LOGIN, password = TEST_ADMIN_PASSWORD): Promise<void> {
  const origin = new URL(url).origin;
  const r = await page
    .context()
    .request.post(`${origin}/api/auth.sign_in`, { data: { login, password }, headers: { Origin: origin } });
  if (!r.ok()) throw new Error(`auth.sign_in as ${login}: ${r.status()} ${await r.text()}`);
  await page.goto(url);
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
  await signedIn(session.page, `${srv.url}/projects`);
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
