/**
 * Issue 15 (live push): running tasks that stop pinging are aborted by the server's watchdog, and an open
 * table shows each new status without a reload and sooner than its polling could.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

// A task silent this long is aborted; the watchdog looks this often.
const THRESHOLD_SEC = 2;
const WATCH_SEC = 0.25;
// The table refetches its pages of running tasks every 10 s (src/features/tasks/api/queries.ts).
const TABLE_POLL_MS = 10_000;

let app: AppSession;
let srv: TestServer;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // No demo data: its running tasks would be aborted too, and announce changes of their own.
  app = await openApp(browser, {
    demo: false,
    server: { nonResponsiveThresholdSec: THRESHOLD_SEC, watchIntervalSec: WATCH_SEC },
  });
  ({ srv, page } = app);
});
test.afterAll(() => app?.close());

const statusOf = (id: string) => page.locator(`[role=row][data-task="${id}"] [data-status]`).getAttribute('data-status');
const serverStatus = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task.status;

test('an open table shows the watchdog aborting a silent task, without reload and before any polling', async () => {
  const { id: project } = await srv.client.call('projects.create', { name: 'Watched', description: '' });
  // The table's first fetch comes after this: a poll could come TABLE_POLL_MS later at the earliest.
  const t0 = Date.now();
  await page.goto(`${srv.url}/projects/${project}/tasks`);
  await page.locator('html[data-live="up"]').waitFor();
  const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);

  const { id } = await srv.client.call('tasks.create', { name: 'goes silent', type: 'training', project });
  await srv.client.call('tasks.started', { task: id });
  await expect.poll(() => statusOf(id), { timeout: 15_000 }).toBe('in_progress');
  // From here nothing writes to the task but the watchdog, once it has been silent THRESHOLD_SEC.
  await expect.poll(() => statusOf(id), { timeout: 15_000 }).toBe('stopped');
  expect(Date.now() - t0).toBeLessThan(TABLE_POLL_MS);
  expect(await serverStatus(id)).toBe('stopped');
  expect(await page.locator(`[role=row][data-task="${id}"]`).innerText()).toMatch(/Aborted/);
  // The same page load all along, its stream still up.
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
  expect(await page.locator('html').getAttribute('data-live')).toBe('up');
});

test('with the stream blocked, the table still comes to show the abort by polling', async () => {
  const { id: project } = await srv.client.call('projects.create', { name: 'Watched, polled', description: '' });
  const { id } = await srv.client.call('tasks.create', { name: 'silent, polled', type: 'training', project });
  await srv.client.call('tasks.started', { task: id });
  // Pinged (as the SDK does) until the page shows it running, so the watchdog leaves it alone until then.
  const pinger = setInterval(() => void srv.client.call('tasks.ping', { task: id }).catch(() => {}), 300);
  await page.route('**/api/live.stream', (route) => route.abort());
  try {
    await page.goto(`${srv.url}/projects/${project}/tasks`);
    await expect.poll(() => statusOf(id), { timeout: 15_000 }).toBe('in_progress');
    clearInterval(pinger);
    expect(await page.getByRole('status', { name: 'live updates off, polling' }).count()).toBe(1);
    await expect.poll(() => serverStatus(id), { timeout: 15_000 }).toBe('stopped');
    await expect.poll(() => statusOf(id), { timeout: TABLE_POLL_MS + 10_000 }).toBe('stopped');
    expect(await page.locator('html').getAttribute('data-live')).not.toBe('up');
  } finally {
    clearInterval(pinger);
    await page.unroute('**/api/live.stream');
  }
});
