/**
 * A member's stored URLs make an admin's browser neither call the API nor carry the session cookie to another port of
 * this host (the fourth QA pass: an artifact, a plot image or a debug sample at `/api/users.update?role=admin` made
 * the member an admin as soon as an admin opened the tab; a plot image on another port received the admin's cookie).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

let srv: TestServer;
let app: AppSession;
let page: Page;
let mallory: string;
let project: string;
let task: string;
let twin: string;
/** Another port of this host, as a member could run on a shared machine: the cookies it was sent. */
let listener: http.Server;
const cookiesSeen: string[] = [];
let elsewhere: string;
/** What the page asked of our API by anything but the dashboard's own calls (which are POSTs). */
const apiGets: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  listener = http.createServer((req, res) => {
    cookiesSeen.push(req.headers.cookie ?? '');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  elsewhere = `http://${new URL(srv.url).hostname}:${(listener.address() as AddressInfo).port}`;
  page.on('request', (r) => {
    if (r.url().startsWith(`${srv.url}/api/`) && r.method() !== 'POST' && !r.url().includes('/api/live.stream'))
      apiGets.push(`${r.method()} ${r.url()}`);
  });

  const c = srv.client;
  ({ id: mallory } = await c.call('users.create', { login: 'mallory', role: 'member', password: 'mallory-password-1' }));
  const promote = `/api/users.update?user=${mallory}&role=admin`;
  ({ id: project } = await c.call('projects.create', {
    name: 'results',
    description:
      `[the report](/api/users.create?login=eve&role=admin&password=evilpass123), ` +
      `[the dashboard](${elsewhere}/report) and ![a chart](${promote}&from=markdown)`,
  }));
  ({ id: task } = await c.call('tasks.create', { name: 'run', type: 'training', project }));
  ({ id: twin } = await c.call('tasks.create', { name: 'run twin', type: 'training', project }));
  const plot = (t: string, variant: string, source: string) => ({
    type: 'plot',
    task: t,
    metric: 'figures',
    variant,
    iter: 1,
    plot_str: JSON.stringify({ data: [], layout: { images: [{ source }] } }),
    timestamp: Date.now(),
  });
  const sample = (t: string) => ({
    type: 'training_debug_image',
    task: t,
    metric: 'samples',
    variant: 'x',
    iter: 1,
    key: 'samples/x',
    url: `${promote}&from=sample&x=.png`,
    timestamp: Date.now(),
  });
  await c.call('events.add_batch', [
    plot(task, 'api', `${promote}&from=plot`),
    plot(task, 'other port', `${elsewhere}/plot.png`),
    sample(task),
    sample(twin),
  ]);
  await c.call('tasks.add_or_update_artifacts', {
    task,
    artifacts: [
      { key: 'results', type: 'custom', uri: `${promote}&from=artifact`, type_data: { content_type: 'application/json' } },
      { key: 'picture', type: 'image', uri: `${promote}&from=image&x=.png`, type_data: { content_type: 'image/png' } },
    ],
  });
});
test.afterAll(async () => {
  await app?.close();
  await new Promise((r) => listener?.close(r));
});

const role = async () => (await srv.client.call('users.get_all', {})).users.find((u) => u.id === mallory)?.role;

/** Waits until the page has drawn what it shows and the images it holds have settled (loaded or failed). */
async function settled() {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() =>
    Promise.all([...document.images].map((i) => (i.complete ? null : new Promise((r) => (i.onload = i.onerror = r))))),
  );
}

test("an admin opening the member's tabs and compare makes no call of the API and sends no cookie elsewhere", async () => {
  for (const tab of ['plots', 'debug-samples', 'artifacts']) {
    await page.goto(`${srv.url}/projects/${project}/tasks/${task}/${tab}`);
    await expect(page.getByRole('tab', { name: tab.replace('-', ' '), selected: true })).toBeVisible({ timeout: 20_000 });
    await settled();
  }
  // The artifacts tab previews each artifact as it opens (the JSON fetched, the image drawn).
  await page.goto(`${srv.url}/compare?ids=${task},${twin}&tab=debug-samples`);
  await expect(page.getByText('run twin').first()).toBeVisible({ timeout: 20_000 });
  await settled();

  expect(apiGets).toEqual([]);
  expect(cookiesSeen.filter(Boolean)).toEqual([]);
  expect(await role()).toBe('member');
});

test("a project description's links to the API or to another port of this host are words, not links", async () => {
  await page.goto(`${srv.url}/projects/${project}/overview`);
  const overview = page.getByLabel('project description');
  await expect(overview).toContainText('the report', { timeout: 20_000 });
  await expect(overview).toContainText('the dashboard');
  expect(await overview.getByRole('link').count()).toBe(0);
  await page.getByText('the report').click();
  await page.getByText('the dashboard').click();
  await settled();
  expect(apiGets).toEqual([]);
  expect(cookiesSeen.filter(Boolean)).toEqual([]);
  expect((await srv.client.call('users.get_all', {})).users.map((u) => u.login)).not.toContain('eve');
  expect(await role()).toBe('member');
});
