/**
 * Issue 15 (projects page): each sort (name, last update, tasks, running now, compute time) orders the cards as
 * planted here; the sort is in the URL and a history entry. The expected orders are written out by hand. My work
 * shows only the projects holding the signed-in user's work, counted over their tasks alone.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';
import { userClient } from '../src/server/testing/accounts';

let app: AppSession;
let srv: TestServer;
let page: Page;

const cards = () =>
  page.locator('[data-project-card]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.projectCard));
const sortParam = () => new URL(page.url()).searchParams.get('sort');

async function sortBy(label: string) {
  await page.getByRole('combobox', { name: 'Sort by' }).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  const project = async (name: string) => (await srv.client.call('projects.create', { name, description: '' })).id;
  const task = async (p: string, status: 'created' | 'in_progress' | 'completed') => {
    const { id } = await srv.client.call('tasks.create', { name: `${p} task`, type: 'training', project: p });
    if (status !== 'created') await srv.client.call('tasks.started', { task: id });
    if (status === 'completed') await srv.client.call('tasks.completed', { task: id });
    return id;
  };
  /** Sets a task's run (start to end) and last update, as if it ran then. */
  const ranAt = async (id: string, started: string, minutes: number) => {
    const t = (await srv.store.tasks.get(id))!;
    const completed = new Date(Date.parse(started) + minutes * 60_000).toISOString().replace('Z', '+00:00');
    await srv.store.tasks.update({ ...t, started, completed, last_update: completed });
  };
  // alpha: one task of five hours, long ago. Lower case, to be sorted among the others by name regardless of case.
  const alpha = await project('alpha');
  await ranAt(await task(alpha, 'completed'), '2026-01-01T00:00:00.000+00:00', 300);
  // Bravo: three tasks of ten minutes, in March.
  const bravo = await project('Bravo');
  for (const day of ['01', '02', '03']) await ranAt(await task(bravo, 'completed'), `2026-03-${day}T00:00:00.000+00:00`, 10);
  // Charlie: two tasks running since now.
  const charlie = await project('Charlie');
  await task(charlie, 'in_progress');
  await task(charlie, 'in_progress');
  // delta: four drafts, never run, last changed in February.
  const delta = await project('delta');
  for (let i = 0; i < 4; i++) {
    const t = (await srv.store.tasks.get(await task(delta, 'created')))!;
    await srv.store.tasks.update({ ...t, last_update: `2026-02-0${i + 1}T00:00:00.000+00:00` });
  }
});
test.afterAll(() => app?.close());

test('orders the cards by name, last update, tasks, running now and compute time; Back undoes a sort', async () => {
  await page.goto(`${srv.url}/projects`);
  await expect.poll(cards).toEqual(['alpha', 'Bravo', 'Charlie', 'delta']);
  expect(sortParam()).toBeNull();
  const h0 = await page.evaluate(() => history.length);

  await sortBy('Last update');
  await expect.poll(cards).toEqual(['Charlie', 'Bravo', 'delta', 'alpha']);
  expect(sortParam()).toBe('updated');

  await sortBy('Tasks');
  await expect.poll(cards).toEqual(['delta', 'Bravo', 'Charlie', 'alpha']);
  expect(sortParam()).toBe('tasks');

  await sortBy('Running now');
  // The ones running nothing follow by name.
  await expect.poll(cards).toEqual(['Charlie', 'alpha', 'Bravo', 'delta']);
  expect(sortParam()).toBe('running');

  await sortBy('Compute time');
  // Five hours, then half an hour, then two runs of a few seconds so far, then nothing.
  await expect.poll(cards).toEqual(['alpha', 'Bravo', 'Charlie', 'delta']);
  expect(sortParam()).toBe('compute');
  expect(await page.evaluate(() => history.length)).toBe(h0 + 4);

  // A reload keeps the sort; Back returns the one before, cards and all.
  await page.reload();
  await expect.poll(cards).toEqual(['alpha', 'Bravo', 'Charlie', 'delta']);
  expect(sortParam()).toBe('compute');
  await page.goBack();
  await expect.poll(sortParam).toBe('running');
  await expect.poll(cards).toEqual(['Charlie', 'alpha', 'Bravo', 'delta']);
  await page.goBack();
  await expect.poll(cards).toEqual(['delta', 'Bravo', 'Charlie', 'alpha']);

  await sortBy('Name');
  await expect.poll(cards).toEqual(['alpha', 'Bravo', 'Charlie', 'delta']);
  expect(sortParam()).toBeNull();
});

test('a sort picked while the search box still waits for the typing to pause keeps the search and the sort', async () => {
  // A clock of our own: the search waits 250 ms after the last key, and the sort is picked inside that wait every time.
  const tab = await page.context().newPage();
  await tab.clock.install();
  await tab.goto(`${srv.url}/projects`);
  const shown = () =>
    tab.locator('[data-project-card]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.projectCard));
  await expect.poll(shown).toEqual(['alpha', 'Bravo', 'Charlie', 'delta']);
  await tab.clock.pauseAt(Date.now() + 5_000);
  await tab.getByLabel('Search projects').fill('L');
  await tab.getByRole('combobox', { name: 'Sort by' }).click();
  await tab.getByRole('option', { name: 'Tasks', exact: true }).click();
  await tab.clock.runFor(1_000);
  await tab.clock.resume();
  // "l" is in alpha, Charlie and delta; by tasks that is four, two, one.
  await expect.poll(shown).toEqual(['delta', 'Charlie', 'alpha']);
  expect(Object.fromEntries(new URL(tab.url()).searchParams)).toEqual({ q: 'L', sort: 'tasks' });
  await tab.close();
});

test("My work lists the projects holding the signed-in user's work, counted over their tasks; Team work all", async () => {
  // Another member: a project of her own with her task in it, and a running task in Charlie.
  const eve = await userClient(srv, 'eve', 'member');
  const echo = (await eve.client.call('projects.create', { name: 'Echo', description: '' })).id;
  await eve.client.call('tasks.create', { name: 'eve in echo', type: 'training', project: echo });
  const charlie = (await srv.client.call('projects.get_all', { name: '^Charlie$' })).projects[0].id;
  const { id } = await eve.client.call('tasks.create', { name: 'eve in charlie', type: 'training', project: charlie });
  await eve.client.call('tasks.started', { task: id });

  const stat = (name: string, label: string) =>
    page.locator(`[data-project-card="${name}"] [data-stat="${label}"] .MuiTypography-h6`);
  // A task of delta's completed now: the card's "done in 24 h" (ClearML's COMPLETED (24 h)); March's runs are older.
  const delta = (await srv.client.call('projects.get_all', { name: '^delta$' })).projects[0].id;
  const { id: now } = await srv.client.call('tasks.create', { name: 'done now', type: 'training', project: delta });
  await srv.client.call('tasks.started', { task: now });
  await srv.client.call('tasks.completed', { task: now });
  await page.goto(`${srv.url}/projects`);
  await expect.poll(cards).toEqual(['alpha', 'Bravo', 'Charlie', 'delta', 'Echo']);
  await expect(stat('Charlie', 'running')).toHaveText('3');
  await expect(stat('delta', 'done in 24 h')).toHaveText('1');
  await expect(stat('Bravo', 'done in 24 h')).toHaveText('0');

  await page.getByRole('button', { name: 'My work' }).click();
  await expect.poll(cards).toEqual(['alpha', 'Bravo', 'Charlie', 'delta']);
  await expect(stat('Charlie', 'running')).toHaveText('2');
  await expect(stat('Charlie', 'tasks')).toHaveText('2');
  expect(new URL(page.url()).searchParams.get('mine')).toBe('true');
  await expect(page.getByRole('status', { name: 'project count' })).toHaveText('4 projects');
  await screenshot(page, 'projects-my-work');

  // The view is in the URL: a reload keeps it, Back returns to the team's.
  await page.reload();
  await expect.poll(cards).toEqual(['alpha', 'Bravo', 'Charlie', 'delta']);
  await expect(page.getByRole('button', { name: 'My work' })).toHaveAttribute('aria-pressed', 'true');
  await page.goBack();
  await expect.poll(cards).toEqual(['alpha', 'Bravo', 'Charlie', 'delta', 'Echo']);
  await expect(stat('Charlie', 'running')).toHaveText('3');
});
