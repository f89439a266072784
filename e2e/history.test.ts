/** Issue 15: filters, opening a task, its tabs and compare tabs are history entries; Back and Forward walk them. */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

let srv: TestServer;
let ids: Record<string, string>;
let app: AppSession;
let page: Page;

// The tasks the table lists, by name (the panel narrows the table's columns, so rows are read by their task id).
const rowNames = async () => {
  const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  const rows = await page
    .locator('[role=row][data-task]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-task') ?? ''));
  return rows.map((id) => byId.get(id) ?? id).sort();
};
const historyLength = () => page.evaluate(() => history.length);
const where = () => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};
const panelTab = () => page.getByRole('region', { name: 'task panel' }).getByRole('tab', { selected: true }).innerText();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, ids, page } = app);
});
test.afterAll(() => app?.close());

interface View {
  url: string;
  rows: string[];
  panel: string | null;
}

async function view(): Promise<View> {
  const panel = page.getByRole('region', { name: 'task panel' });
  return { url: where(), rows: await rowNames(), panel: (await panel.count()) ? await panelTab() : null };
}

/** Waits until the page shows exactly this view again. */
async function expectView(v: View, step: string) {
  await expect.poll(where, { message: `${step}: URL` }).toBe(v.url);
  await expect.poll(rowNames, { message: `${step}: rows` }).toEqual(v.rows);
  const panel = page.getByRole('region', { name: 'task panel' });
  if (v.panel === null) await expect.poll(() => panel.count(), { message: `${step}: no panel` }).toBe(0);
  else await expect.poll(panelTab, { message: `${step}: panel tab` }).toBe(v.panel);
}

test.describe('Back-safe history', () => {
  test('All tasks → Status=Completed → a row → Scalars; Back ×3 and Forward ×3 walk it step by step; reload keeps it', async () => {
    await page.goto(`${srv.url}/projects/*/tasks`);
    await expect.poll(async () => (await rowNames()).length, { timeout: 15_000 }).toBeGreaterThan(5);
    const all = await view();
    const start = await historyLength();

    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).searchParams.get('statuses')).toContain('completed');
    await expect.poll(async () => (await rowNames()).includes('resnet50 baseline')).toBe(true);
    await expect.poll(rowNames).not.toEqual(all.rows);
    const filtered = await view();
    expect(await historyLength()).toBe(start + 1);

    await page.locator(`[role=row][data-task="${ids['resnet50 baseline']}"]`).click();
    await expect.poll(panelTab).toBe('Execution');
    const opened = await view();
    expect(new URL(page.url()).searchParams.get('task')).toBe(ids['resnet50 baseline']);
    expect(await historyLength()).toBe(start + 2);

    await page.getByRole('region', { name: 'task panel' }).getByRole('tab', { name: 'Scalars' }).click();
    await expect.poll(panelTab).toBe('Scalars');
    const scalars = await view();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('scalars');
    expect(await historyLength()).toBe(start + 3);
    expect(scalars.rows).toEqual(filtered.rows);

    await page.goBack();
    await expectView(opened, 'Back 1 (panel on Execution)');
    await page.goBack();
    await expectView(filtered, 'Back 2 (the filtered list)');
    await page.goBack();
    await expectView(all, 'Back 3 (all tasks)');
    expect(await historyLength()).toBe(start + 3);

    await page.goForward();
    await expectView(filtered, 'Forward 1');
    await page.goForward();
    await expectView(opened, 'Forward 2');
    await page.goForward();
    await expectView(scalars, 'Forward 3');

    await page.reload();
    await expectView(scalars, 'reload');
  });

  test('the full task page: each tab is an entry', async () => {
    const id = ids['resnet50 adam'];
    await page.goto(`${srv.url}/projects/*/tasks/${id}/execution`);
    const selected = () =>
      page.getByRole('tablist', { name: 'task detail tabs' }).getByRole('tab', { selected: true }).innerText();
    await expect.poll(selected, { timeout: 15_000 }).toBe('Execution');
    await page.getByRole('tab', { name: 'Console' }).click();
    await expect.poll(where).toBe(`/projects/*/tasks/${id}/console`);
    await page.getByRole('tab', { name: 'Info' }).click();
    await expect.poll(where).toBe(`/projects/*/tasks/${id}/info`);
    await page.goBack();
    await expect.poll(where).toBe(`/projects/*/tasks/${id}/console`);
    await expect.poll(selected).toBe('Console');
    await page.goBack();
    await expect.poll(where).toBe(`/projects/*/tasks/${id}/execution`);
    await expect.poll(selected).toBe('Execution');
  });

  test('compare tabs are entries', async () => {
    const a = ids['resnet50 baseline'];
    const b = ids['resnet50 adam'];
    await page.goto(`${srv.url}/compare?ids=${a},${b}`);
    const selected = () => page.getByRole('tablist', { name: 'compare tabs' }).getByRole('tab', { selected: true }).innerText();
    await expect.poll(selected, { timeout: 15_000 }).toBe('Details');
    const start = await historyLength();
    await page.getByRole('tab', { name: 'Hyperparameters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('hyperparameters');
    await page.getByRole('tab', { name: 'Scalars' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('scalars');
    expect(await historyLength()).toBe(start + 2);
    await page.goBack();
    await expect.poll(selected).toBe('Hyperparameters');
    await page.goBack();
    await expect.poll(selected).toBe('Details');
    expect(new URL(page.url()).searchParams.get('tab')).toBe(null);
    await page.goForward();
    await expect.poll(selected).toBe('Hyperparameters');
  });
});
