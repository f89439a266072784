/** Issue 15: filters, opening a task, its tabs and compare tabs are history entries; Back and Forward walk them. */
import type { Locator, Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { logIn, openApp, type AppSession } from './support/app';
import { openPage } from './support/browser';

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

/** The rows of a page's table, by name, in the order drawn. */
const drawnRows = async (p: Page) => {
  const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  const rows = await p.locator('[role=row][data-task]').evaluateAll((els) => els.map((e) => e.getAttribute('data-task') ?? ''));
  return rows.map((id) => byId.get(id) ?? id);
};

/** A value read from an element if it is drawn (null at once if not, rather than waiting for it). */
const present = async <T>(l: Locator, read: (l: Locator) => Promise<T>) => ((await l.count()) === 1 ? read(l) : null);

/**
 * What a page draws of the task table and its panel: the rows and their status cells, the row picked, the panel's
 * tab, the Status filter and the Scalars view's controls, its charts and their lines (from the chart's own data).
 */
async function drawnView(p: Page) {
  const panel = p.getByRole('region', { name: 'task panel' });
  const cells = (column: string) => p.locator(`[role=row][data-task] [role=gridcell][data-column=${column}]`).allInnerTexts();
  // Beside the panel the type, status, tag and user filters are behind "Filters".
  await p.getByRole('group', { name: 'filters' }).getByRole('button', { name: 'Filters' }).click();
  const status = await p.getByRole('dialog', { name: 'more filters' }).getByRole('combobox', { name: 'Status' }).innerText();
  await p.keyboard.press('Escape');
  await p.getByRole('dialog', { name: 'more filters' }).waitFor({ state: 'detached' });
  const slots = await panel
    .locator('[data-metric-slot]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-metric-slot')));
  const lines = await p.evaluate(() => {
    const o = window.__taskdeckCharts?.get('chart loss')?.getOption() as
      { series?: { name: string; type: string }[] } | undefined;
    return (o?.series ?? [])
      .filter((s) => s.type === 'line')
      .map((s) => s.name)
      .sort();
  });
  return {
    rows: await drawnRows(p),
    statuses: (await cells('status')).map((s) => s.trim()),
    selected: await p
      .locator('[role=row][data-task][aria-current=true]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-task') ?? ''))
      .then((sel) => sel.map((id) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id)),
    tab: await present(panel.getByRole('tab', { selected: true }), (l) => l.innerText()),
    filter: { status: status.trim(), metrics: await present(panel.getByLabel('Filter metrics'), (l) => l.inputValue()) },
    smoothing: await present(panel.getByRole('combobox', { name: 'Smoothing' }), (l) => l.innerText()),
    slots,
    lines,
  };
}

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

  test('filter, sort, a task in the panel on Scalars with a metric view: a new tab and a fresh signed-in browser draw the same', async ({
    browser,
  }) => {
    await page.goto(`${srv.url}/projects/*/tasks`);
    await expect.poll(async () => (await rowNames()).length, { timeout: 15_000 }).toBeGreaterThan(5);
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).searchParams.get('statuses')).toContain('completed');
    const nameHeader = page.locator('[role=columnheader][data-column=name]');
    await nameHeader.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name');
    await nameHeader.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-name');
    const completed = Object.keys(ids)
      .filter((n) => ['resnet50 baseline', 'resnet50 lr sweep 0.03', 'evaluate on holdout', 'bert finetune'].includes(n))
      .sort()
      .reverse();
    // The filtered rows in the new order, not the rows of an earlier answer (a drawn row takes the task of its place).
    await expect
      .poll(async () => {
        const rows = await drawnRows(page);
        return completed.every((n) => rows.includes(n)) && rows.join('\n') === [...rows].sort().reverse().join('\n');
      })
      .toBe(true);
    const task = ids['resnet50 baseline'];
    await page.locator(`[role=row][data-task="${task}"]`).click();
    const panel = page.getByRole('region', { name: 'task panel' });
    await panel.getByRole('tab', { name: 'Scalars' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('scalars');
    await panel.getByLabel('Filter metrics').fill('loss');
    await expect.poll(() => new URL(page.url()).searchParams.get('metrics')).toBe('loss');
    await panel.getByRole('combobox', { name: 'Smoothing' }).click();
    await page.getByRole('option', { name: 'Exponential moving average' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('smoothing')).toBe('ema');
    const url = page.url();
    // The chart draws its smoothed lines a moment after the URL has the smoothing (read once, it could be mid-redraw).
    await expect
      .poll(async () => (await drawnView(page)).lines, { timeout: 30_000 })
      .toEqual(['train', 'train', 'validation', 'validation']);
    const want = await drawnView(page);
    // What is drawn, so that a view restored short of it fails: the sorted filtered rows, the row picked, the tab, the chart.
    expect(want.rows).toEqual([...want.rows].sort().reverse());
    expect(want.rows.length).toBeGreaterThanOrEqual(completed.length);
    expect(want.statuses.every((s) => s === 'Completed')).toBe(true);
    expect(want.selected).toEqual(['resnet50 baseline']);
    expect(want.tab).toBe('Scalars');
    expect(want.slots).toEqual(['loss']);
    expect(want.smoothing).toBe('Exponential moving average');
    expect(want.filter).toEqual({ status: 'Completed', metrics: 'loss' });
    expect(want.lines).toEqual(['train', 'train', 'validation', 'validation']);

    // The same URL in a new tab of the same browser.
    const other = await page.context().newPage();
    try {
      await other.goto(url);
      await expect.poll(() => drawnView(other), { timeout: 30_000 }).toEqual(want);
      expect(other.url()).toBe(url);
    } finally {
      await other.close();
    }

    // A browser that was never signed in: the sign-in page, then the same view, from the URL alone.
    const fresh = await openPage(browser);
    try {
      await logIn(fresh.page, url);
      await expect.poll(() => drawnView(fresh.page), { timeout: 30_000 }).toEqual(want);
      expect(fresh.page.url()).toBe(url);
    } finally {
      await fresh.close();
    }
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

  test("while the next page's script loads, the page on screen stays drawn", async () => {
    const id = ids['resnet50 adam'];
    await page.goto(`${srv.url}/projects/*/tasks?task=${id}&tab=execution`);
    const panel = page.getByRole('region', { name: 'task panel' });
    await expect.poll(panelTab, { timeout: 15_000 }).toBe('Execution');
    // The full task page's script is held back until the page on screen has been looked at.
    const script = /\/assets\/TaskPage-[^/]+\.js$/;
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let asked = false;
    await page.route(script, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    try {
      await panel.getByRole('button', { name: 'open full page' }).click();
      await expect.poll(() => asked, { message: "the task page's script is asked for" }).toBe(true);
      await expect(page.getByRole('grid')).toBeVisible();
      await expect(panel).toBeVisible();
      expect(await panelTab()).toBe('Execution');
      // A bar says the next page is coming (shown after a moment, so opacity is what tells).
      const bar = page.getByRole('progressbar', { name: 'Loading the page' });
      await expect.poll(() => bar.evaluate((e) => getComputedStyle(e).opacity)).toBe('1');
    } finally {
      release();
    }
    await expect.poll(where).toMatch(new RegExp(`^/projects/[0-9a-f]{32}/tasks/${id}/execution$`));
    await expect.poll(() => panel.count()).toBe(0);
    const selected = page.getByRole('tablist', { name: 'task detail tabs' }).getByRole('tab', { selected: true });
    await expect.poll(() => selected.innerText()).toBe('Execution');
    expect(await page.getByRole('progressbar', { name: 'Loading the page' }).count()).toBe(0);
    await page.unroute(script);
  });
});
