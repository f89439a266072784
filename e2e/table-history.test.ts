/**
 * Issue 15 (history, filters): a sort of the task table is a history entry, Back and Forward restore the row order,
 * and a new tab on the URL shows the same; the Updated date range filters on the server. Orders written by hand.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

let app: AppSession;
let srv: TestServer;
let page: Page;
let project: string;

/** The names in the table, in the order drawn. */
const rowNames = (p: Page = page) =>
  p
    .locator('[role=row][data-task] [role=gridcell][data-column=name]')
    .allInnerTexts()
    .then((names) => names.map((s) => s.trim()));
const search = () => Object.fromEntries(new URL(page.url()).searchParams);
const historyLength = () => page.evaluate(() => history.length);

// Name → its last update (days apart, so the browser's time zone cannot move one across a bound).
const TASKS: Record<string, string> = {
  'charlie run': '2026-01-05T12:00:00.000+00:00',
  'alpha run': '2026-01-20T12:00:00.000+00:00',
  'delta run': '2026-02-10T12:00:00.000+00:00',
  'bravo run': '2026-03-01T12:00:00.000+00:00',
};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  project = (await srv.client.call('projects.create', { name: 'Sorted', description: '' })).id;
  for (const [name, lastUpdate] of Object.entries(TASKS)) {
    const { id } = await srv.client.call('tasks.create', { name, type: 'training', project });
    const t = (await srv.store.tasks.get(id))!;
    await srv.store.tasks.update({ ...t, last_update: lastUpdate });
  }
});
test.afterAll(() => app?.close());

test('a sort is a history entry: Back and Forward restore the row order, and a new tab on the URL draws the same', async () => {
  await page.goto(`${srv.url}/projects/${project}/tasks`);
  await expect.poll(async () => (await rowNames()).length).toBe(4);
  const first = await rowNames();
  const h0 = await historyLength();

  const nameHeader = page.locator('[role=columnheader][data-column=name]');
  await nameHeader.click();
  await expect.poll(rowNames).toEqual(['alpha run', 'bravo run', 'charlie run', 'delta run']);
  expect(search().sort).toBe('name');
  await nameHeader.click();
  await expect.poll(rowNames).toEqual(['delta run', 'charlie run', 'bravo run', 'alpha run']);
  expect(search().sort).toBe('-name');
  await page.locator('[role=columnheader][data-column=last_update]').click();
  await expect.poll(rowNames).toEqual(['charlie run', 'alpha run', 'delta run', 'bravo run']);
  expect(search().sort).toBe('last_update');
  expect(await historyLength()).toBe(h0 + 3);

  await page.goBack();
  await expect.poll(rowNames).toEqual(['delta run', 'charlie run', 'bravo run', 'alpha run']);
  expect(search().sort).toBe('-name');
  await page.goBack();
  await expect.poll(rowNames).toEqual(['alpha run', 'bravo run', 'charlie run', 'delta run']);
  await page.goBack();
  await expect.poll(rowNames).toEqual(first);
  expect(search().sort).toBeUndefined();
  await page.goForward();
  await expect.poll(rowNames).toEqual(['alpha run', 'bravo run', 'charlie run', 'delta run']);
  await page.goForward();
  await expect.poll(rowNames).toEqual(['delta run', 'charlie run', 'bravo run', 'alpha run']);

  const other = await page.context().newPage();
  try {
    await other.goto(page.url());
    await expect.poll(() => rowNames(other)).toEqual(['delta run', 'charlie run', 'bravo run', 'alpha run']);
  } finally {
    await other.close();
  }
});

test('a sort clicked while the search box still waits for the typing to pause keeps the search and the sort', async () => {
  // A clock of our own: the search waits 300 ms after the last key, and the header is clicked inside that wait every time.
  const tab = await page.context().newPage();
  try {
    await tab.clock.install();
    await tab.goto(`${srv.url}/projects/${project}/tasks`);
    await expect.poll(async () => (await rowNames(tab)).length).toBe(4);
    await tab.clock.pauseAt(Date.now() + 5_000);
    await tab.getByLabel('Search name, id, comment').fill('l');
    await tab.locator('[role=columnheader][data-column=name]').click();
    await tab.clock.runFor(1_000);
    await tab.clock.resume();
    // "l" is in alpha, charlie and delta.
    await expect.poll(() => rowNames(tab)).toEqual(['alpha run', 'charlie run', 'delta run']);
    expect(Object.fromEntries(new URL(tab.url()).searchParams)).toMatchObject({ q: 'l', sort: 'name' });
  } finally {
    await tab.close();
  }
});

test('filters by an Updated date range, in the URL, and Back removes it', async () => {
  await page.goto(`${srv.url}/projects/${project}/tasks?sort=name`);
  await expect.poll(rowNames).toEqual(['alpha run', 'bravo run', 'charlie run', 'delta run']);
  await page.getByRole('button', { name: 'filter Updated' }).click();
  const dialog = page.getByRole('dialog', { name: 'filter Updated' });
  await dialog.getByLabel('From').fill('2026-01-10T00:00');
  await dialog.getByLabel('To').fill('2026-02-20T00:00');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(rowNames).toEqual(['alpha run', 'delta run']);
  expect(JSON.parse(search().range).last_update).toHaveLength(2);
  await page.reload();
  await expect.poll(rowNames).toEqual(['alpha run', 'delta run']);
  await page.goBack();
  await expect.poll(rowNames).toEqual(['alpha run', 'bravo run', 'charlie run', 'delta run']);
  expect(search().range).toBeUndefined();
});

test('All tasks keeps the projects picked under More, sub-projects included, in the URL', async () => {
  const other = (await srv.client.call('projects.create', { name: 'Other', description: '' })).id;
  await srv.client.call('tasks.create', { name: 'elsewhere run', type: 'training', project: other });
  const nested = (await srv.client.call('projects.create', { name: 'Sorted/nested', description: '' })).id;
  await srv.client.call('tasks.create', { name: 'nested run', type: 'training', project: nested });
  await page.goto(`${srv.url}/projects/*/tasks?sort=name`);
  await expect.poll(rowNames).toContain('elsewhere run');
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('combobox', { name: 'Projects' }).click();
  await page.getByRole('option', { name: 'Sorted', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect.poll(rowNames).toEqual(['alpha run', 'bravo run', 'charlie run', 'delta run', 'nested run']);
  expect(search().projects).toContain(project);
  await page.reload();
  await expect.poll(rowNames).toEqual(['alpha run', 'bravo run', 'charlie run', 'delta run', 'nested run']);
});
