/**
 * A task may hold 10,000 hyperparameters (--max-hyperparams): its Configuration tab draws them 200 at a time, finds
 * any by the filter, and edits the rows it shows while saving what changed among all of them.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

let srv: TestServer;
let app: AppSession;
let page: Page;
let task: string;
let project: string;

const name = (i: number) => `p${String(i).padStart(5, '0')}`;
const args = async () => (await srv.client.call('tasks.get_by_id', { task })).task.hyperparams.Args;
const rows = () => page.getByRole('table', { name: 'hyperparameters Args' }).locator('tbody tr');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  ({ id: project } = await srv.client.call('projects.create', { name: 'many params' }));
  const Args: Record<string, { section: string; name: string; value: string; type: string }> = {};
  for (let i = 0; i < 10_000; i++) Args[name(i)] = { section: 'Args', name: name(i), value: `v${i}`, type: 'str' };
  ({ id: task } = await srv.client.call('tasks.create', {
    name: 'ten thousand parameters',
    type: 'training',
    project,
    hyperparams: { Args },
  }));
});
test.afterAll(() => app?.close());

test('draws the first 200 parameters, 200 more on asking, and finds any other by the filter', async () => {
  await page.goto(`${srv.url}/projects/${project}/tasks/${task}/configuration`);
  await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(200);
  expect(await rows().first().locator('td').first().innerText()).toBe('p00000');
  expect(await rows().last().locator('td').first().innerText()).toBe('p00199');
  await expect(page.getByRole('status').filter({ hasText: '9,800 more parameters' })).toBeVisible();
  await page.getByRole('button', { name: 'Show 200 more' }).click();
  await expect.poll(() => rows().count()).toBe(400);
  expect(await rows().last().locator('td').first().innerText()).toBe('p00399');

  await page.getByLabel('Filter parameters').fill('p0999');
  await expect
    .poll(() => rows().locator('td:first-child').allInnerTexts())
    .toEqual(Array.from({ length: 10 }, (_, i) => name(9990 + i)));
  await page.getByLabel('Filter parameters').fill('');
  await expect.poll(() => rows().count()).toBe(400);
});

test('edits a shown parameter and ones found by the filter, removes one and adds one; the save keeps the rest as they were', async () => {
  await page.getByRole('button', { name: 'edit Args' }).click();
  await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(400);
  await page.getByLabel('value of p00001').fill('42');
  await page.getByLabel('Filter parameters').fill('p09999');
  await expect.poll(() => rows().count()).toBe(1);
  await page.getByLabel('value of p09999').fill('changed');
  // A row found by its value stays in view while that value is typed over.
  await page.getByLabel('Filter parameters').fill('v9998');
  await expect.poll(() => rows().count()).toBe(1);
  await page.getByLabel('value of p09998').fill('retyped');
  expect(await rows().count()).toBe(1);
  await page.getByLabel('Filter parameters').fill('p00002');
  await page.getByRole('button', { name: 'remove p00002' }).click();
  await expect.poll(() => rows().count()).toBe(0);
  // A parameter added shows at once, below the 400 rows in view, and stays in view whatever the filter.
  await page.getByLabel('Filter parameters').fill('');
  await expect.poll(() => rows().count()).toBe(400);
  await page.getByRole('button', { name: 'Add parameter' }).click();
  await expect.poll(() => rows().count()).toBe(401);
  await page.getByLabel('Name', { exact: true }).fill('added');
  await page.getByLabel('value of added').fill('new');
  await page.getByRole('button', { name: 'save Args' }).click();
  await expect.poll(async () => (await args())[name(9999)]?.value, { timeout: 20_000 }).toBe('changed');
  const after = await args();
  expect([after[name(1)].value, after[name(9998)].value, after.added?.value, after[name(2)]]).toEqual([
    '42',
    'retyped',
    'new',
    undefined,
  ]);
  expect(Object.keys(after)).toHaveLength(10_000);
  const untouched = Object.values(after).filter((p) => p.value === `v${Number(p.name.slice(1))}`);
  expect(untouched).toHaveLength(9_996);
});

test('a task of 1,000 artifacts and 60 configuration objects draws them a part at a time', async () => {
  const { id: many } = await srv.client.call('tasks.create', {
    name: 'many artifacts',
    type: 'training',
    project,
    configuration: Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [
        `cfg${String(i).padStart(2, '0')}`,
        { name: `cfg${String(i).padStart(2, '0')}`, value: `a: ${i}`, type: 'yaml' },
      ]),
    ),
  });
  await srv.client.call('tasks.add_or_update_artifacts', {
    task: many,
    artifacts: Array.from({ length: 1000 }, (_, i) => ({
      key: `artifact ${String(i).padStart(4, '0')}`,
      type: 'custom',
      mode: 'output' as const,
      uri: `https://store.example.invalid/${i}.bin`,
    })),
  });
  const cards = page.locator('section[aria-label^="artifact "]');
  await page.goto(`${srv.url}/projects/${project}/tasks/${many}/artifacts`);
  await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(50);
  expect(await cards.last().getAttribute('aria-label')).toBe('artifact 0049');
  await expect(page.getByRole('status').filter({ hasText: '950 more models and artifacts' })).toBeVisible();
  await page.getByRole('button', { name: 'Show 50 more' }).click();
  await expect.poll(() => cards.count()).toBe(100);
  expect(await cards.last().getAttribute('aria-label')).toBe('artifact 0099');

  const configs = page.locator('section[aria-label^="Configuration object: cfg"]');
  await page.goto(`${srv.url}/projects/${project}/tasks/${many}/configuration`);
  await expect.poll(() => configs.count(), { timeout: 20_000 }).toBe(20);
  await expect(page.getByRole('status').filter({ hasText: '40 more configuration objects' })).toBeVisible();
  await page.getByRole('button', { name: 'Show 20 more' }).click();
  await expect.poll(() => configs.count()).toBe(40);
});
