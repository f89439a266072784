/** Issue: compare legibility — a legend list outside the charts, a values table with CSV, a baseline, 200 tasks. */
import fs from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { docsScreenshot } from './support/browser';
import { linesOf } from './support/charts';

let app: AppSession;
let srv: TestServer;
let page: Page;

const LONG = `a run with a long name that a chart legend would cut ${'x'.repeat(80)} the end`;
const NAMES = ['alpha', 'beta', LONG];
/** Task t's loss at iteration i: distinct per task, with a min and max that are not the last. */
const loss = (t: number, i: number) => (t + 1) * (i === 3 ? 0.1 : i === 7 ? 9 : 1 + i / 10);
/** The mean of task t's ten points. */
const meanLoss = (t: number) => Array.from({ length: 10 }, (_, i) => loss(t, i)).reduce((a, b) => a + b, 0) / 10;
let ids: string[] = [];

async function makeTasks(names: string[], points: number): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    const id = (await srv.client.call('tasks.create', { name, type: 'training' })).id;
    await srv.client.call('tasks.started', { task: id });
    out.push(id);
  }
  const events = out.flatMap((task, t) =>
    Array.from({ length: points }, (_, i) => ({
      type: 'training_stats_scalar',
      task,
      metric: 'loss',
      variant: 'train',
      iter: i,
      value: loss(t, i),
      timestamp: 1.7e12 + i * 1000,
    })),
  );
  for (let from = 0; from < events.length; from += 20_000)
    await srv.client.call('events.add_batch', events.slice(from, from + 20_000));
  return out;
}

/** The loss chart's lines (a task's line each, whether a line series or a task line of the merged series) and its legend. */
const series = async () => {
  const lines = await linesOf(page, 'chart loss');
  const legendShown = await page.evaluate(() => {
    const o = window.__taskdeckCharts?.get('chart loss')?.getOption() as { legend: { show?: boolean }[] } | undefined;
    return o && o.legend[0]?.show !== false;
  });
  return lines && { lines, legendShown };
};

/** Moves the mouse over the middle of a chart and returns its axis tooltip's text once shown. */
async function tooltipOver(label: string): Promise<string> {
  const chart = page.getByRole('img', { name: label, exact: true });
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(async () => (await chart.innerText()).trim().length, { timeout: 10_000 }).toBeGreaterThan(0);
  return (await chart.innerText()).trim();
}

async function openCompare(list: string[]) {
  await page.goto(`${srv.url}/compare?ids=${list.join(',')}&tab=scalars`);
  await page.locator('[data-metric-slot="loss"]').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => !!window.__taskdeckCharts?.get('chart loss'), undefined, { timeout: 60_000 });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  ids = await makeTasks(NAMES, 10);
});
test.afterAll(() => app?.close());

test('lists the tasks beside the charts, whole names and their lines’ colours; hovering one brings its line forward', async () => {
  await openCompare(ids);
  // The compared tasks are in no project, and there is none: the side panel does not say there is nothing yet.
  const tree = page.getByRole('navigation', { name: 'projects' });
  await expect.poll(() => tree.innerText()).toContain('All tasks lists every task');
  expect(await tree.innerText()).not.toContain('No projects yet');
  expect(await tree.getByRole('link', { name: 'All tasks' }).getAttribute('href')).toBe('/projects/*/tasks');
  const legend = page.getByRole('region', { name: 'legend' });
  const items = legend.locator('li');
  expect(await items.count()).toBe(3);
  // Each entry holds the full name: nothing cut, no "1/3" pager.
  expect((await items.nth(2).innerText()).includes(LONG)).toBe(true);
  const box = await items.nth(2).boundingBox();
  const textBox = await items.nth(2).locator('p').boundingBox();
  expect(textBox!.width).toBeLessThanOrEqual(box!.width);
  const s = (await series())!;
  expect(s.legendShown).toBe(false);
  expect(s.lines.map((l) => l.name)).toEqual(NAMES);
  const colours = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
  expect(s.lines.map((l) => l.lineStyle.color)).toEqual(colours);
  expect(s.lines[1].data).toEqual(Array.from({ length: 10 }, (_, i) => [i, loss(1, i)]));

  // The axis tooltip names each task with its value at the iteration under the pointer.
  const tip = await tooltipOver('chart loss');
  const at = Number(tip.split('\n')[0]);
  expect(Number.isInteger(at) && at >= 0 && at < 10).toBe(true);
  for (let t = 0; t < 3; t++) {
    expect(tip).toContain(NAMES[t]);
    expect(tip).toContain(String(Number(loss(t, at).toPrecision(8))));
  }
  await page.mouse.move(0, 0);

  await items.nth(1).hover();
  await expect.poll(async () => (await series())!.lines.map((l) => l.lineStyle.width)).toEqual([1.6, 3, 1.6]);
  const hovered = (await series())!.lines;
  expect(hovered[0].lineStyle.opacity).toBeLessThan(0.5);
  expect(hovered[1].lineStyle.opacity).toBe(1);
  await page.mouse.move(0, 0);
  await expect.poll(async () => (await series())!.lines.map((l) => l.lineStyle.opacity)).toEqual([1, 1, 1]);
});

test('tabulates last, min, max and mean per task, and downloads them as CSV', async () => {
  const table = page.getByRole('table', { name: 'last, min, max and mean values' });
  const row = (t: number) => table.locator(`tr[data-task="${ids[t]}"][data-metric="loss"]`);
  for (let t = 0; t < 3; t++) {
    const cells = await row(t).locator('td').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual(['loss', 'train', NAMES[t]]);
    // Shown to six significant digits.
    expect(cells.slice(3).map(Number)).toEqual(
      [loss(t, 9), loss(t, 3), loss(t, 7), meanLoss(t)].map((v) => Number(v.toPrecision(6))),
    );
  }
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'values' }).getByRole('button', { name: 'CSV' }).click(),
  ]);
  const rows = Papa.parse<string[]>(fs.readFileSync((await d.path())!, 'utf8'), { skipEmptyLines: true }).data;
  expect(rows[0]).toEqual(['task', 'task id', 'metric', 'variant', 'last', 'min', 'max', 'mean']);
  expect(rows.slice(1).map((r) => r.slice(0, 7))).toEqual(
    NAMES.map((n, t) => [n, ids[t], 'loss', 'train', String(loss(t, 9)), String(loss(t, 3)), String(loss(t, 7))]),
  );
  // The mean is a sum of ten floats divided: the same to 12 digits, whatever order they were added in.
  expect(rows.slice(1).map((r) => Number(Number(r[7]).toPrecision(12)))).toEqual(
    NAMES.map((_, t) => Number(meanLoss(t).toPrecision(12))),
  );
});

test('sets a task as baseline: every last value shown as its difference from the baseline’s', async () => {
  await page.getByRole('button', { name: 'set beta as baseline' }).click();
  const table = page.getByRole('table', { name: 'last, min, max and mean values' });
  await expect.poll(() => table.locator('th').allInnerTexts()).toContain('Last − baseline');
  const diff = async (t: number) => (await table.locator(`tr[data-task="${ids[t]}"] td`).allInnerTexts()).at(-1);
  // Last values are 1.9, 3.8 and 5.7: against beta's 3.8, −1.9 (−50 %), 0 and +1.9 (+50 %).
  expect(await diff(0)).toBe('-1.9 (-50%)');
  expect(await diff(1)).toBe('0 (0%)');
  expect(await diff(2)).toBe('+1.9 (+50%)');
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'values' }).getByRole('button', { name: 'CSV' }).click(),
  ]);
  const rows = Papa.parse<string[]>(fs.readFileSync((await d.path())!, 'utf8'), { skipEmptyLines: true }).data;
  expect(rows[0].slice(-2)).toEqual(['last − beta', 'last − beta (%)']);
  expect(rows.slice(1).map((r) => r.slice(-2).map((v) => Number(Number(v).toFixed(9))))).toEqual([
    [-1.9, -50],
    [0, 0],
    [1.9, 50],
  ]);
  await page.getByRole('button', { name: 'clear baseline beta' }).click();
  await expect.poll(() => table.locator('th').allInnerTexts()).not.toContain('Last − baseline');
});

test('keeps grouping, smoothing and the baseline in the URL: reload, Back, Forward and a new tab draw the same', async () => {
  await openCompare(ids);
  const search = () => Object.fromEntries(new URL(page.url()).searchParams);
  /** What is drawn and shown: the chart titles, each chart's line count and faint (raw under smoothed) lines, the diff column. */
  const drawn = () =>
    page.evaluate(() => {
      const out: Record<string, { lines: number; faint: number }> = {};
      for (const [label, c] of window.__taskdeckCharts ?? new Map()) {
        type Line = { type: string; lineStyle: { opacity: number }; taskLines?: { lines: Line[] } };
        const lines = (c.getOption() as { series: Line[] }).series.flatMap((s) =>
          s.type === 'line' ? [s] : (s.taskLines?.lines ?? []),
        );
        out[label] = { lines: lines.length, faint: lines.filter((l) => l.lineStyle.opacity < 0.5).length };
      }
      return {
        charts: out,
        baseline: [...document.querySelectorAll('th')].some((th) => th.textContent === 'Last − baseline'),
      };
    });
  const plain = { charts: { 'chart loss': { lines: 3, faint: 0 } }, baseline: false };
  await expect.poll(drawn).toEqual(plain);

  await page.getByRole('combobox', { name: 'Group by' }).click();
  await page.getByRole('option', { name: 'Metric and variant' }).click();
  await expect.poll(search).toMatchObject({ group: 'variant' });
  await page.getByRole('combobox', { name: 'Smoothing' }).click();
  await page.getByRole('option', { name: 'Running average' }).click();
  await expect.poll(search).toMatchObject({ group: 'variant', smoothing: 'running', smoothingValue: '10' });
  await page.getByRole('button', { name: 'set beta as baseline' }).click();
  await expect.poll(search).toMatchObject({ baseline: ids[1] });
  // Away from the legend: a hovered entry fades the other tasks' lines.
  await page.mouse.move(0, 0);
  // A chart per metric and variant, each task's raw line faint under its smoothed one, and differences against beta.
  const all = { charts: { 'chart loss / train': { lines: 6, faint: 3 } }, baseline: true };
  await page.locator('[data-metric-slot="loss / train"]').scrollIntoViewIfNeeded();
  await expect.poll(drawn).toEqual(all);

  await page.reload();
  await page.locator('[data-metric-slot="loss / train"]').scrollIntoViewIfNeeded();
  await expect.poll(drawn, { timeout: 30_000 }).toEqual(all);
  expect(await page.getByRole('combobox', { name: 'Smoothing' }).innerText()).toContain('Running average');

  const url = page.url();
  const other = await page.context().newPage();
  try {
    await other.goto(url);
    await other.locator('[data-metric-slot="loss / train"]').scrollIntoViewIfNeeded();
    await expect
      .poll(() => other.evaluate(() => [...(window.__taskdeckCharts?.keys() ?? [])]), { timeout: 30_000 })
      .toEqual(['chart loss / train']);
    await expect(other.getByRole('button', { name: 'clear baseline beta' })).toBeVisible();
  } finally {
    await other.close();
  }

  await page.goBack();
  await expect.poll(search).not.toHaveProperty('baseline');
  await expect.poll(drawn).toEqual({ ...all, baseline: false });
  await page.goBack();
  await expect.poll(search).not.toHaveProperty('smoothing');
  await expect.poll(drawn).toEqual({ charts: { 'chart loss / train': { lines: 3, faint: 0 } }, baseline: false });
  await page.goBack();
  await expect.poll(search).not.toHaveProperty('group');
  await page.locator('[data-metric-slot="loss"]').scrollIntoViewIfNeeded();
  await expect.poll(drawn).toEqual(plain);
  await page.goForward();
  await page.goForward();
  await page.goForward();
  await expect.poll(search).toMatchObject({ group: 'variant', smoothing: 'running', baseline: ids[1] });
  await page.locator('[data-metric-slot="loss / train"]').scrollIntoViewIfNeeded();
  await expect.poll(drawn).toEqual(all);
});

test('compares 200 tasks: every one drawn, listed and tabulated', async () => {
  test.setTimeout(180_000);
  const many = await makeTasks(
    Array.from({ length: 200 }, (_, i) => `sweep ${String(i).padStart(3, '0')}`),
    10,
  );
  await openCompare(many);
  await expect.poll(async () => (await series())?.lines.length, { timeout: 60_000 }).toBe(200);
  const s = (await series())!;
  expect(s.lines[137].name).toBe('sweep 137');
  expect(s.lines[137].data).toEqual(Array.from({ length: 10 }, (_, i) => [i, loss(137, i)]));
  // Every line checked, point by point, and every task its own colour, the legend's.
  s.lines.forEach((l, t) => {
    expect(l.name).toBe(`sweep ${String(t).padStart(3, '0')}`);
    expect(l.data).toEqual(Array.from({ length: 10 }, (_, i) => [i, loss(t, i)]));
  });
  expect(new Set(s.lines.map((l) => l.lineStyle.color)).size).toBe(200);
  const legendItems = page.getByRole('region', { name: 'legend' }).locator('li');
  expect(await legendItems.count()).toBe(200);
  expect(s.lines.map((l) => l.lineStyle.color)).toEqual(
    await legendItems.evaluateAll((els) => els.map((e) => e.getAttribute('data-color'))),
  );
  // Hovering an entry brings that task's line forward and fades the 199 others.
  await legendItems.nth(137).hover();
  await expect.poll(async () => (await series())!.lines[137].lineStyle.width).toBe(3);
  const hovered = (await series())!.lines;
  expect(hovered.filter((l) => l.lineStyle.opacity < 0.5).map((l) => l.name)).toEqual(
    hovered.map((l) => l.name).filter((n) => n !== 'sweep 137'),
  );
  await page.mouse.move(0, 0);
  await expect.poll(async () => (await series())!.lines.filter((l) => l.lineStyle.opacity < 1).length).toBe(0);
  // The axis tooltip names the tasks with their values there (the first twenty, then how many more).
  const tip = await tooltipOver('chart loss');
  const at = Number(tip.split('\n')[0]);
  expect(tip).toContain(`sweep 000`);
  expect(tip).toContain(String(Number(loss(19, at).toPrecision(8))));
  expect(tip).toContain('… and 180 more');
  await page.mouse.move(0, 0);
  // The table of 200 rows starts folded so the charts come first; opened, it has every task.
  const values = page.getByRole('region', { name: 'values' }).getByRole('button', { name: 'Values (200)' });
  expect(await values.getAttribute('aria-expanded')).toBe('false');
  await values.click();
  await expect.poll(() => page.locator('tr[data-task][data-metric="loss"]').count()).toBe(200);
  const cells = await page.locator(`tr[data-task="${many[137]}"] td`).allInnerTexts();
  expect(cells.slice(2, 4)).toEqual(['sweep 137', String(Number(loss(137, 9).toPrecision(6)))]);

  // The plots tab of the 200: each task's newest plot, in one request (the server takes up to 200 tasks).
  await srv.client.call(
    'events.add_batch',
    many.map((task, t) => ({
      type: 'plot',
      task,
      metric: 'roc',
      variant: 'val',
      iter: 1,
      plot_str: JSON.stringify({ data: [{ type: 'scatter', x: [0, 1], y: [0, t / 200] }], layout: {} }),
    })),
  );
  const plotCalls: string[] = [];
  const multiTasks: number[] = [];
  page.on('request', (r) => {
    if (!r.url().includes('/api/')) return;
    plotCalls.push(r.url().split('/').pop()!);
    if (r.url().endsWith('events.get_multi_task_plots')) multiTasks.push((r.postDataJSON() as { tasks: string[] }).tasks.length);
  });
  await page.getByRole('tab', { name: 'Plots' }).click();
  const roc = page.locator('section[aria-label="plots roc / val"]');
  await expect.poll(() => roc.locator('[data-plot]').count(), { timeout: 60_000 }).toBe(200);
  expect(await roc.locator('[data-plot]').nth(137).getAttribute('data-plot')).toBe('sweep 137');
  // Each read asks for the 200 at once. The batch's change may be pushed while the first read is in flight, and then
  // the page reads again once it ends (it cannot tell whether that read saw the change): one read or two.
  expect(multiTasks.length).toBeGreaterThanOrEqual(1);
  expect(multiTasks.length).toBeLessThanOrEqual(2);
  expect(multiTasks.every((n) => n === 200)).toBe(true);
  expect(plotCalls).not.toContain('events.get_task_plots');

  await openCompare(many.slice(0, 10));
  await expect.poll(async () => (await series())?.lines.length).toBe(10);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('[data-metric-slot="loss"]').scrollIntoViewIfNeeded();
  await docsScreenshot(page, 'compare-10');
});
