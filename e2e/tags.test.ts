/**
 * The task table's Tags, Type and User filters: what they offer and what they keep. The tags, types and users are
 * planted here; the expected rows are the tasks planted with them.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { makeTask } from '../src/server/store/testing/test-store';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';

let app: AppSession;
let srv: TestServer;
let page: Page;
let project: string;

/** More tasks than the latest the filters once read (500): the oldest holds a tag, type and user no later task has. */
const MANY = 520;
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();

const rowNames = () =>
  page
    .locator('[role=row][data-task] [role=gridcell][data-column="name"]')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  project = (await srv.client.call('projects.create', { name: 'tagged', description: '' })).id;
  const tasks = Array.from({ length: MANY }, (_, i) =>
    makeTask({
      id: `t${String(i).padStart(5, '0')}${'0'.repeat(26)}`,
      name: i === 0 ? 'the oldest' : `task ${i}`,
      project,
      created: at(i),
      last_update: at(i),
      tags: i === 0 ? ['only-the-oldest'] : i % 2 ? ['odd'] : ['even'],
      ...(i === 0 ? { type: 'qc', user: 'old-timer' } : {}),
    }),
  );
  for (let i = 0; i < tasks.length; i += 40) await Promise.all(tasks.slice(i, i + 40).map((t) => srv.store.tasks.insert(t)));
  for (const [name, tags] of [
    ['odd gpu', ['odd', 'gpu']],
    ['even gpu', ['even', 'gpu']],
    ['gpu only', ['gpu']],
  ] as const)
    await srv.client.call('tasks.create', { name, type: 'training', project, tags: [...tags] });
  const sweep = (await srv.client.call('tasks.create', { name: 'lr sweep', type: 'optimizer', project })).id;
  for (const name of ['trial 1', 'trial 2'])
    await srv.client.call('tasks.create', { name, type: 'training', project, parent: sweep });
});
test.afterAll(() => app?.close());

test.describe('tags filter', () => {
  test("offers every task's tags, an old task's too, and keeps the rows that hold the one picked", async () => {
    await page.goto(`${srv.url}/projects/${project}/tasks`);
    await page.locator('[role=row][data-task]').first().waitFor();
    await page.getByLabel('Tags', { exact: true }).click();
    const options = page.getByRole('option');
    await expect.poll(() => options.allInnerTexts()).toEqual(['even', 'gpu', 'odd', 'only-the-oldest']);
    await options.filter({ hasText: 'only-the-oldest' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(rowNames).toEqual(['the oldest']);
  });

  test('leaves out the tasks holding an excluded tag, and with "every tag" keeps those holding each tag picked', async () => {
    const sorted = async () => (await rowNames()).sort();
    const params = () => new URL(page.url()).searchParams;
    await page.goto(`${srv.url}/projects/${project}/tasks`);
    await page.locator('[role=row][data-task]').first().waitFor();
    await page.getByLabel('Tags', { exact: true }).click();
    await page.getByRole('option', { name: 'gpu', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(sorted).toEqual(['even gpu', 'gpu only', 'odd gpu']);

    await page.getByRole('button', { name: 'More' }).click();
    const more = page.getByRole('dialog', { name: 'more filters' });
    await more.getByLabel('Without tags').click();
    // A tag already picked is not offered to exclude.
    await expect.poll(() => page.getByRole('option').allInnerTexts()).toEqual(['even', 'odd', 'only-the-oldest']);
    await page.getByRole('option', { name: 'odd', exact: true }).click();
    await expect.poll(sorted).toEqual(['even gpu', 'gpu only']);
    expect(JSON.parse(params().get('notTags') ?? 'null')).toEqual(['odd']);

    // The switch follows the URL, a moment after the click: click it, then wait for it (check() looks at once).
    await more.getByLabel('Holds every tag picked').click();
    await expect(more.getByLabel('Holds every tag picked')).toBeChecked();
    await screenshot(page, 'tags-more-filters');
    await expect.poll(() => params().get('tagsAll')).toBe('true');
    await page.keyboard.press('Escape');
    await page.getByLabel('Tags', { exact: true }).click();
    await page.getByRole('option', { name: 'even', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(sorted).toEqual(['even gpu']);
    await page.reload();
    await expect.poll(sorted).toEqual(['even gpu']);
  });

  test("the Parent task filter keeps a parent's children", async () => {
    await page.goto(`${srv.url}/projects/${project}/tasks`);
    await page.locator('[role=row][data-task]').first().waitFor();
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('dialog', { name: 'more filters' }).getByLabel('Parent task').click();
    // The parent's name, then its project's.
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual(['lr sweeptagged']);
    await page.getByRole('option').first().click();
    await expect.poll(async () => (await rowNames()).sort()).toEqual(['trial 1', 'trial 2']);
    await page.reload();
    await expect.poll(async () => (await rowNames()).sort()).toEqual(['trial 1', 'trial 2']);
  });
});

test.describe('type and user filters', () => {
  test("offer the types and users of the project's tasks, an old task's too, and keep the rows picked", async () => {
    // A user of the server with no task here is not offered.
    await srv.client.call('users.create', { login: 'idle', name: 'Idle User', role: 'member' });
    const me = (await srv.client.call('users.get_current_user', {})).user;
    await page.goto(`${srv.url}/projects/${project}/tasks`);
    await page.locator('[role=row][data-task]').first().waitFor();
    await page.getByRole('combobox', { name: 'Type' }).click();
    const types = page.getByRole('listbox', { name: 'Type' }).getByRole('option');
    await expect.poll(() => types.allInnerTexts()).toEqual(['optimizer', 'qc', 'training']);
    await types.filter({ hasText: 'qc' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(rowNames).toEqual(['the oldest']);
    await page.getByRole('combobox', { name: 'Type' }).click();
    await types.filter({ hasText: 'qc' }).click();
    await page.keyboard.press('Escape');
    // The type filter off again (else the user filter below would be checked on what it already left).
    await expect.poll(() => new URL(page.url()).searchParams.get('types')).toBeNull();

    await page.getByLabel('User', { exact: true }).click();
    const users = page.getByRole('option');
    await expect.poll(async () => (await users.allInnerTexts()).sort()).toEqual([me.name, 'old-timer', 'u1'].sort());
    await users.filter({ hasText: 'old-timer' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(rowNames).toEqual(['the oldest']);
  });
});

test.describe('select all', () => {
  test('selects every task of the filtered view, not only the rows in view, and a bulk tag reaches each of them', async () => {
    // The view: the tasks holding `odd` (260 planted ones and "odd gpu"), more than the table draws at once.
    const odd = (
      await srv.client.call('tasks.get_all', { project: [project], tags: ['odd'], only_fields: ['id'], page_size: 1000 } as never)
    ).tasks.map((t) => t.id);
    expect(odd).toHaveLength(261);
    await page.goto(`${srv.url}/projects/${project}/tasks`);
    await page.locator('[role=row][data-task]').first().waitFor();
    await page.getByLabel('Tags', { exact: true }).click();
    await page.getByRole('option', { name: 'odd', exact: true }).click();
    await page.keyboard.press('Escape');
    // The count is read after the view's first page, so it says both have come.
    await expect.poll(() => page.getByRole('status', { name: 'task count' }).innerText()).toBe('261 tasks');

    // The first click after picking a tag (the filter still focused) lands where it was aimed: the focused filter
    // once pushed the table down, and the table moved back up under the pointer as the filter lost focus.
    await page.getByLabel('select visible rows').check();
    const bar = page.getByRole('region', { name: 'selection' });
    const shown = Number((await bar.getByText(/^\d+ selected$/).innerText()).split(' ')[0]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(261);
    await bar.getByRole('button', { name: 'Select all 261 tasks of this view' }).click();
    await expect(bar.getByText('261 selected')).toBeVisible();
    await expect(bar.getByRole('button', { name: /^Select all/ })).toHaveCount(0);
    // More than a comparison holds: Compare says so instead of opening.
    await expect(bar.getByRole('button', { name: 'Compare' })).toBeDisabled();

    await bar.getByRole('button', { name: 'more actions' }).click();
    await page.getByRole('menuitem', { name: 'Tags' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tags' });
    await dialog.getByLabel('Add a tag').fill('picked');
    await dialog.getByLabel('Add a tag').press('Enter');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const picked = async () =>
      (
        await srv.client.call('tasks.get_all', {
          project: [project],
          tags: ['picked'],
          only_fields: ['id'],
          page_size: 1000,
        } as never)
      ).tasks
        .map((t) => t.id)
        .sort();
    await expect.poll(picked).toEqual([...odd].sort());
  });
});
