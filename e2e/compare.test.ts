/** Issue: compare runs side by side. */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';
import { lineNamesOf } from './support/charts';

let srv: TestServer;
let ids: Record<string, string>;
let app: AppSession;
let page: Page;
let resnet: string;
const RUNS = ['resnet50 baseline', 'resnet50 lr sweep 0.03', 'resnet50 lr sweep 0.01'];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, ids, page } = app);
  resnet = await app.projectId('Demo/Vision/ResNet');
});
test.afterAll(() => app?.close());

test('compares three tasks picked in the table: differences highlighted, only-differences hides equal rows', async () => {
  await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=name`);
  for (const n of RUNS) await page.getByLabel(`select ${n}`).check();
  await page.getByRole('region', { name: 'selection' }).getByRole('button', { name: 'Compare' }).click();
  await page.waitForURL('**/compare?**');
  const lr = page.locator('[data-row="lr"]');
  await expect.poll(() => lr.getAttribute('data-differs')).toBe('true');
  expect((await lr.innerText()).replace(/\s+/g, ' ')).toContain('0.1 0.03 0.01');
  expect(await page.locator('[data-row="entry_point"]').getAttribute('data-differs')).toBe('false');
  // The switch follows the URL, a moment after the click: click it, then wait for it (check() looks at once).
  await page.getByLabel('Show only differences').click();
  await expect(page.getByLabel('Show only differences')).toBeChecked();
  await expect.poll(() => page.locator('[data-row="entry_point"]').count()).toBe(0);
  expect(await lr.count()).toBe(1);
  await screenshot(page, 'compare-details');
});

test('overlays each task on one chart per metric, and a reload restores the view', async () => {
  await page.getByRole('tab', { name: 'Scalars' }).click();
  expect((await lineNamesOf(page, 'chart learning_rate', '[data-metric-slot="learning_rate"]')).sort()).toEqual([...RUNS].sort());
  const url = page.url();
  expect(url).toContain('tab=scalars');
  await page.reload();
  expect(page.url()).toBe(url);
  expect((await lineNamesOf(page, 'chart learning_rate', '[data-metric-slot="learning_rate"]')).sort()).toEqual([...RUNS].sort());
  await screenshot(page, 'compare-scalars');
  await page.getByRole('tab', { name: 'Plots' }).click();
  await expect.poll(() => page.locator('section[aria-label="plots confusion / validation"] [data-plot]').count()).toBe(3);
  // One metric picked, then every metric again.
  const sections = () =>
    page.locator('section[aria-label^="plots "]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const all = [
    'plots confusion / validation',
    'plots embedding / points',
    'plots precision recall / curve',
    'plots results / table',
    'plots weights / layer1',
  ];
  await expect.poll(sections).toEqual(all);
  await page.getByRole('combobox', { name: 'Metric' }).click();
  await page.getByRole('option', { name: 'precision recall' }).click();
  await expect.poll(sections).toEqual(['plots precision recall / curve']);
  await screenshot(page, 'compare-plots-metric');
  await page.getByRole('combobox', { name: 'Metric' }).click();
  await page.getByRole('option', { name: 'All metrics' }).click();
  await expect.poll(sections).toEqual(all);
  await page.getByRole('tab', { name: 'Debug samples' }).click();
  await expect.poll(() => page.locator('img[alt*="samples input"]').count()).toBe(3);
  await screenshot(page, 'compare-debug');
});

test('adds and removes tasks without leaving the view', async () => {
  await page.goto(`${srv.url}/compare?ids=${ids[RUNS[0]]},${ids[RUNS[1]]}`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Compare 2 tasks');
  await page.getByLabel('Add a task').fill('bert');
  await page.getByRole('option', { name: 'bert finetune' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Compare 3 tasks');
  expect(page.url()).toContain(ids['bert finetune']);
  await page.getByRole('button', { name: 'compared task bert finetune' }).locator('svg').click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Compare 2 tasks');
});

test('relates hyperparameters to a metric: parallel coordinates over what differs, and a scatter', async () => {
  await page.goto(`${srv.url}/compare?ids=${RUNS.map((n) => ids[n]).join(',')}&tab=hyperparameters`);
  await page.getByRole('combobox', { name: 'Metric (last value)' }).click();
  await page.getByRole('option', { name: 'accuracy/validation' }).click();
  await page.getByRole('combobox', { name: 'Hyperparameter' }).click();
  await page.getByRole('option', { name: 'Args/lr', exact: true }).click();
  const optionOf = (label: string) =>
    page.evaluate((l) => {
      const o = window.__taskdeckCharts?.get(l)?.getOption() as
        | { series: { name: string; data: unknown[][] }[]; parallelAxis?: { name: string }[]; xAxis?: { name: string }[] }
        | undefined;
      return (
        o && {
          series: o.series.map((s) => [s.name, s.data[0]?.[0]]),
          axes: (o.parallelAxis ?? []).map((a) => a.name),
          x: o.xAxis?.[0]?.name,
        }
      );
    }, label);
  await expect.poll(async () => (await optionOf('chart parameter scatter'))?.x).toBe('Args/lr');
  expect((await optionOf('chart parameter scatter'))!.series).toEqual([
    [RUNS[0], 0.1],
    [RUNS[1], 0.03],
    [RUNS[2], 0.01],
  ]);
  const parallel = (await optionOf('chart parallel coordinates'))!;
  expect(parallel.axes).toContain('Args/lr');
  expect(parallel.axes.at(-1)).toBe('accuracy/validation');
  expect(parallel.series.map((s) => s[0])).toEqual(RUNS);
  // The axes can be picked: a parameter the same in all added beside lr, then lr taken off; the metric stays last.
  await page.getByRole('combobox', { name: 'Parallel axes' }).click();
  const other = (await page.getByRole('option').allInnerTexts()).map((t) => t.trim()).find((t) => t !== 'Args/lr')!;
  await page.getByRole('option', { name: other, exact: true }).click();
  await page.getByRole('option', { name: 'Args/lr', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await optionOf('chart parallel coordinates'))?.axes).toEqual([other, 'accuracy/validation']);
  await page.locator('.MuiPopover-root').waitFor({ state: 'detached' });
  await screenshot(page, 'compare-hyperparameters');
});

test('searches the fields, and shows a long value whole when asked', async () => {
  const make = async (name: string, fill: string) =>
    (
      await srv.client.call('tasks.create', {
        name,
        type: 'training',
        project: resnet,
        configuration: { 'long config': { name: 'long config', type: 'yaml', value: `${fill.repeat(1000)}END` } },
      })
    ).id;
  const a = await make('long a', 'a');
  const b = await make('long b', 'b');
  await page.goto(`${srv.url}/compare?ids=${a},${b}`);
  await page.getByLabel('Search fields').fill('LONG');
  const fields = () => page.locator('[data-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-row')));
  await expect.poll(fields).toEqual(['long config']);
  const cell = page.locator('[data-row="long config"] td').nth(1);
  await expect(cell).not.toContainText('END');
  await cell.getByRole('button', { name: 'show all (1,003 characters)' }).click();
  await expect(cell).toContainText(`${'a'.repeat(10)}`);
  await expect(cell).toContainText('END');
  await page.getByLabel('Search fields').fill('no such field');
  await expect(page.getByText('No field matches “no such field”.')).toBeVisible();
});

test('marks each value that differs from the baseline task, which is kept in the URL', async () => {
  const make = async (name: string, lr: string) =>
    (
      await srv.client.call('tasks.create', {
        name,
        type: 'training',
        project: resnet,
        hyperparams: {
          Args: { lr: { section: 'Args', name: 'lr', value: lr }, seed: { section: 'Args', name: 'seed', value: '1' } },
        },
      })
    ).id;
  const ids = [await make('base a', '0.1'), await make('base b', '0.2'), await make('base c', '0.1')];
  await page.goto(`${srv.url}/compare?ids=${ids.join(',')}`);
  const marked = (field: string) =>
    page
      .locator(`[data-row="${field}"] td`)
      .evaluateAll((tds) => tds.slice(1).map((td) => td.getAttribute('data-differs') === 'true'));
  // No baseline: a row whose values differ is marked whole.
  await expect.poll(() => marked('lr')).toEqual([true, true, true]);
  expect(await marked('seed')).toEqual([false, false, false]);
  await page.getByRole('button', { name: 'set base b as baseline' }).click();
  await expect.poll(() => marked('lr')).toEqual([true, false, true]);
  expect(new URL(page.url()).searchParams.get('baseline')).toBe(ids[1]);
  await page.getByRole('button', { name: 'set base a as baseline' }).click();
  await expect.poll(() => marked('lr')).toEqual([false, true, false]);
  expect(await marked('seed')).toEqual([false, false, false]);
  await page.reload();
  await expect.poll(() => marked('lr')).toEqual([false, true, false]);
  await screenshot(page, 'compare-details-baseline');
  await page.getByRole('button', { name: 'clear baseline base a' }).click();
  await expect.poll(() => marked('lr')).toEqual([true, true, true]);
});

test('hides a metric from the scalars with its list: its chart and its values rows go, kept in the URL', async () => {
  await page.goto(`${srv.url}/compare?ids=${RUNS.map((n) => ids[n]).join(',')}&tab=scalars`);
  await expect(page.locator('[data-metric-slot="accuracy"]')).toHaveCount(1);
  const values = page.getByRole('table', { name: 'last, min, max and mean values' });
  // The values table opens by itself when short: opened here either way.
  const toggle = page.getByRole('button', { name: /^Values \(\d+\)$/ });
  await expect(toggle).toBeVisible();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect.poll(() => values.locator('tr[data-metric="accuracy"]').count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: /^Metrics: \d+ of \d+ shown$/ }).click();
  await page.getByRole('dialog', { name: 'metrics shown' }).getByRole('checkbox', { name: 'accuracy', exact: true }).uncheck();
  await expect(page.locator('[data-metric-slot="accuracy"]')).toHaveCount(0);
  await expect(page.locator('[data-metric-slot="loss"]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  expect(await values.locator('tr[data-metric="accuracy"]').count()).toBe(0);
  expect(await values.locator('tr[data-metric="loss"]').count()).toBeGreaterThan(0);
  expect(new URL(page.url()).searchParams.get('hideMetrics')).toContain('accuracy');
  await page.reload();
  await expect(page.locator('[data-metric-slot="loss"]')).toHaveCount(1);
  await expect(page.locator('[data-metric-slot="accuracy"]')).toHaveCount(0);
});
