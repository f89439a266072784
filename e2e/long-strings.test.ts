/**
 * Names and values as long as the caps allow, with no space to break them at, wrap where they stand: no page
 * scrolls sideways, and the buttons beside them stay in the window (the third QA pass found them thousands of
 * pixels away).
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';
import { VIEWPORT } from './support/chromium';

let srv: TestServer;
let app: AppSession;
let page: Page;
let task: string;
let project: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  ({ id: project } = await srv.client.call('projects.create', { name: 'long strings' }));
  ({ id: task } = await srv.client.call('tasks.create', { name: 'N'.repeat(1000), type: 'training', project }));
  await srv.client.call('tasks.add_or_update_artifacts', {
    task,
    artifacts: [{ key: 'K'.repeat(900), type: 'custom', mode: 'output', uri: 'http://example.invalid/a.bin' }],
  });
  await srv.client.call('tasks.edit', { task, runtime: { note: 'R'.repeat(10_000) } });
  await srv.client.call('models.create', { name: 'W'.repeat(1000), uri: 'file:///w.pt', project });
  await srv.client.call('queues.create', { name: 'Q'.repeat(1000) });
});
test.afterAll(() => app?.close());

/** How far the page's main area scrolls sideways. */
const sideways = () => page.locator('main').evaluate((m) => m.scrollWidth - m.clientWidth);

/** The element's right edge is inside the window. */
async function inWindow(selector: ReturnType<Page['locator']>) {
  const box = await selector.boundingBox();
  expect(box, 'the element is drawn').not.toBeNull();
  expect(box!.x + box!.width).toBeLessThanOrEqual(VIEWPORT.width);
}

test("a task's long name, artifact key and runtime value wrap", async () => {
  await page.goto(`${srv.url}/projects/${project}/tasks/${task}/artifacts`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await inWindow(page.getByRole('button', { name: 'Clone' }));
  await inWindow(
    page
      .getByRole('region', { name: 'K'.repeat(900) })
      .getByRole('link')
      .first(),
  );
  expect(await sideways()).toBe(0);
  await page.getByRole('tab', { name: 'Info' }).click();
  const runtime = page.getByRole('region', { name: 'Runtime' });
  await runtime.waitFor();
  // The label keeps its column; the value wraps beside it.
  const label = await runtime.getByRole('rowheader').first().boundingBox();
  expect(label!.width).toBeGreaterThan(150);
  expect(await sideways()).toBe(0);
  await screenshot(page, 'long-strings-info');
});

test("the models table's other columns, and each queue's buttons, stay in the window", async () => {
  await page.goto(`${srv.url}/models`);
  await inWindow(page.getByRole('columnheader', { name: 'Framework' }));
  expect(await sideways()).toBe(0);
  await page.goto(`${srv.url}/workers-and-queues`);
  await inWindow(page.getByRole('button', { name: `delete queue ${'Q'.repeat(1000)}` }));
  expect(await sideways()).toBe(0);
  await screenshot(page, 'long-strings-queues');
});

test('the console reads on past a line of 3 MiB, which the server answers alone', async () => {
  const { id } = await srv.client.call('tasks.create', { name: 'huge line', type: 'training', project });
  await srv.client.call('events.add_batch', [
    { type: 'log', task: id, msg: 'first line', timestamp: 1 },
    { type: 'log', task: id, msg: 'X'.repeat(3 * 1024 * 1024), timestamp: 2 },
    { type: 'log', task: id, msg: 'last line', timestamp: 3 },
  ]);
  await page.goto(`${srv.url}/projects/${project}/tasks/${id}/console`);
  await expect(page.getByText('last line', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('first line', { exact: true })).toBeVisible();
});
