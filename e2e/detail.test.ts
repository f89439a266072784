/** Issue: the task detail view and its tabs, on demo data and on the recorded ClearML SDK run. */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { readTranscript, replay } from '../src/server/testing/replay';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from '../src/server/testing/server';
import type { Task } from '../src/shared/api/records';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';
import { seriesOf, tooltipAt } from './support/charts';

let srv: TestServer;
let ids: Record<string, string>;
let app: AppSession;
let page: Page;
let sdkTask: Task;

const open = (id: string, tab: string) => page.goto(`${srv.url}/projects/*/tasks/${id}/${tab}`);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, ids, page } = app);
  const basic = `Basic ${Buffer.from(`${TEST_ACCESS_KEY}:${TEST_SECRET_KEY}`).toString('base64')}`;
  const run = await replay(srv.url, srv.client.token!, basic, readTranscript('sdk-transcript.jsonl'));
  const created = run.results.find((r) => r.rec.endpoint === 'tasks.create')!.data as { id: string };
  sdkTask = (await srv.client.call('tasks.get_by_id', { task: created.id })).task;
});
test.afterAll(() => app?.close());

test.describe('task detail tabs', () => {
  test('execution: repository, commit and the uncommitted diff (recorded SDK run)', async () => {
    await open(sdkTask.id, 'execution');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('smoke run: recorded');
    expect(await page.getByRole('region', { name: 'Source code' }).innerText()).toContain(sdkTask.script.version_num!);
    const diff = page.getByRole('region', { name: 'Uncommitted changes' }).locator('.view-lines');
    // Monaco writes spaces as no-break spaces.
    await expect
      .poll(async () => (await diff.innerText()).replace(/\u00a0/g, ' '), { timeout: 20_000 })
      .toContain('uncommitted change for the diff field');
    await screenshot(page, 'tab-execution');
  });

  test('configuration: hyperparameter values by section, and configuration objects', async () => {
    await open(sdkTask.id, 'configuration');
    const lr = page.locator('[data-param="Args/lr"]');
    await expect.poll(() => lr.innerText()).toContain('0.01');
    await page.getByLabel('Filter parameters').fill('batch');
    await expect.poll(() => page.locator('[data-param^="Args/"]').count()).toBe(1);
    await page.getByLabel('Filter parameters').fill('');
    await screenshot(page, 'tab-configuration');
  });

  test('console: finds a line by search and marks stderr', async () => {
    await open(ids['resnet50 adam'], 'console');
    await page.getByLabel('Search the console').fill('epoch 100');
    await page.getByRole('button', { name: 'next match' }).click();
    const match = page.locator('.console-match');
    await expect.poll(() => match.innerText()).toContain('epoch 100: train_loss=');
    await page.getByRole('button', { name: 'jump to end' }).click();
    await expect.poll(() => page.getByRole('log').innerText()).toContain('FloatingPointError: loss is NaN');
    await screenshot(page, 'tab-console');
  });

  test('scalars: a chart per metric with a line per variant and exact values in the tooltip', async () => {
    await open(ids['resnet50 baseline'], 'scalars');
    // A metric's points load when its card scrolls into view.
    expect(await seriesOf(page, 'chart loss', '[data-metric-slot="loss"]')).toEqual(['train', 'validation']);
    const tip = await tooltipAt(page, 'chart loss', '[data-metric-slot="loss"]', 0, 10);
    expect(tip).toMatch(/train\s*\d\.\d+/);
    await expect.poll(() => page.getByRole('table', { name: 'single values' }).innerText()).toContain('best_accuracy');
    // Machine metrics wait in their own folded section.
    expect(await page.locator('[data-metric-slot=":monitor:machine"]').count()).toBe(0);
    await page
      .getByRole('region', { name: 'machine metrics' })
      .getByRole('button', { name: /Machine/ })
      .click();
    expect(await page.locator('[data-metric-slot=":monitor:machine"]').count()).toBe(1);
    await screenshot(page, 'tab-scalars');
  });

  test('scalars: metrics hidden from the list stay hidden on reload, and come back with Show all or Back', async () => {
    await open(ids['resnet50 baseline'], 'scalars');
    await expect(page.locator('[data-metric-slot="loss"]')).toHaveCount(1);
    const listButton = page.getByRole('button', { name: /^Metrics: \d+ of \d+ shown$/ });
    const [, n] = /of (\d+)/.exec(await listButton.innerText())!;
    expect(await listButton.innerText()).toBe(`Metrics: ${n} of ${n} shown`);
    await listButton.click();
    const list = page.getByRole('dialog', { name: 'metrics shown' });
    await list.getByRole('checkbox', { name: 'loss', exact: true }).uncheck();
    await expect(page.locator('[data-metric-slot="loss"]')).toHaveCount(0);
    await screenshot(page, 'scalars-metric-list');
    // The open list holds the page's focus (the rest is hidden from its roles until it closes).
    await page.keyboard.press('Escape');
    await expect(listButton).toHaveText(`Metrics: ${Number(n) - 1} of ${n} shown`);
    expect(new URL(page.url()).searchParams.get('hideMetrics')).toContain('loss');

    await page.reload();
    await expect(listButton).toHaveText(`Metrics: ${Number(n) - 1} of ${n} shown`);
    await expect(page.locator('[data-metric-slot="accuracy"], [data-metric-slot="Summary"]').first()).toBeVisible();
    await expect(page.locator('[data-metric-slot="loss"]')).toHaveCount(0);

    await listButton.click();
    await list.getByRole('button', { name: 'Hide all' }).click();
    await expect(page.getByText('Every metric is hidden')).toBeVisible();
    // Kept as the shorter list: none shown, not every name hidden.
    expect(JSON.parse(new URL(page.url()).searchParams.get('showMetrics')!)).toEqual([]);
    expect(new URL(page.url()).searchParams.get('hideMetrics')).toBeNull();
    await expect(page.locator('[data-metric-slot]')).toHaveCount(0);
    await list.getByRole('button', { name: 'Show all' }).click();
    await expect(page.locator('[data-metric-slot="loss"]')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(listButton).toHaveText(`Metrics: ${n} of ${n} shown`);
    // Hide all and Show all, one after another, were one step: Back returns to loss alone hidden.
    await page.goBack();
    await expect(listButton).toHaveText(`Metrics: ${Number(n) - 1} of ${n} shown`);
    await expect(page.locator('[data-metric-slot="loss"]')).toHaveCount(0);
  });

  test("scalars: the metric summary lists each series' last, lowest, highest and first value with their iterations, and its mean", async () => {
    const id = ids['resnet50 baseline'];
    const { task } = await app.srv.client.call('tasks.get_by_id', { task: id });
    const series = Object.values(task.last_metrics).flatMap((v) => Object.values(v));
    expect(series.length).toBeGreaterThan(2);
    await open(id, 'scalars');
    const summary = page.getByRole('region', { name: 'Metric summary' });
    await summary.getByRole('button', { name: `Show ${series.length} series` }).click();
    const table = page.getByRole('table', { name: 'metric summary' });
    await expect(table.locator('tbody tr')).toHaveCount(series.length);
    // Each cell: the value (rounded for reading) and, after "@", its iteration, as the server keeps them.
    const cell = (value: number, iter?: number) => (text: string) => {
      const [v, at] = text.split(' @ ');
      return (
        Math.abs(Number(v) - value) <= Math.abs(value) * 1e-5 && (iter === undefined ? at === undefined : Number(at) === iter)
      );
    };
    const loss = series.find((m) => m.metric === 'loss' && m.variant === 'train')!;
    const row = table
      .locator('tbody tr')
      .filter({ has: page.getByRole('cell', { name: 'loss', exact: true }) })
      .filter({
        has: page.getByRole('cell', { name: 'train', exact: true }),
      });
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(['loss', 'train']);
    expect(cells[2]).toSatisfy(cell(loss.value, loss.iter));
    expect(cells[3]).toSatisfy(cell(loss.min_value, loss.min_value_iteration));
    expect(cells[4]).toSatisfy(cell(loss.max_value, loss.max_value_iteration));
    expect(cells[5]).toSatisfy(cell(loss.first_value!, loss.first_value_iteration));
    // The mean, with no iteration: between the lowest and the highest.
    expect(loss.mean_value!).toBeGreaterThan(loss.min_value);
    expect(loss.mean_value!).toBeLessThan(loss.max_value);
    expect(cells[6]).toSatisfy(cell(loss.mean_value!));
    // The loss falls as the run goes: its lowest is near the end, its highest at the start.
    expect(loss.min_value_iteration!).toBeGreaterThan(loss.max_value_iteration!);
  });

  test('plots: a confusion matrix with its cell values, a table, and the other kinds', async () => {
    await open(ids['resnet50 baseline'], 'plots');
    const label = 'plot confusion / validation';
    const tip = await tooltipAt(page, label, '[data-plot="confusion / validation"]', 0, 5);
    // Row 1 (dog), column 1 (dog): the diagonal of the demo's confusion matrix.
    expect(tip).toMatch(/dog → dog: \d+/);
    await expect.poll(() => page.getByRole('table', { name: 'table results / table' }).innerText()).toContain('precision');
    expect(await seriesOf(page, 'plot weights / layer1', '[data-plot="weights / layer1"]')).toHaveLength(1);
    await screenshot(page, 'tab-plots');
  });

  test('debug samples: images load, and the slider moves to another iteration', async () => {
    await open(ids['resnet50 baseline'], 'debug-samples');
    const img = page.locator('section[aria-label="debug samples samples"] img').first();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const iteration = page.getByTestId('iteration-samples');
    expect(await iteration.innerText()).toBe('iteration 299');
    await page.getByRole('slider', { name: 'iteration of samples' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => iteration.innerText()).toBe('iteration 150');
    await expect.poll(() => img.getAttribute('alt')).toContain('iteration 150');
    await img.click();
    await expect
      .poll(() => page.getByTestId('viewer-image').evaluate((el) => (el as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'zoom in' }).click();
    await screenshot(page, 'tab-debug-viewer');
    await page.getByRole('button', { name: 'close viewer' }).click();
    await screenshot(page, 'tab-debug-samples');
  });

  test('artifacts: a CSV preview row, model details, and a download with the right bytes', async () => {
    await open(ids['resnet50 baseline'], 'artifacts');
    await expect.poll(() => page.getByRole('table', { name: 'preview history' }).innerText()).toContain('0.540');
    // Its model's card fills once the models have loaded (a read at once met "Loading…", and before that a wrong
    // "no longer exists").
    await expect(page.getByRole('region', { name: 'Output model: weights' })).toContainText('PyTorch');
    const { task } = await srv.client.call('tasks.get_by_id', { task: ids['resnet50 baseline'] });
    const expected = await srv.client.download(task.execution.artifacts.find((a) => a.key === 'run summary')!.uri!);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'download run summary' }).click(),
    ]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(Buffer.compare(bytes, Buffer.from(expected))).toBe(0);
    await screenshot(page, 'tab-artifacts');
  });

  test('info: raw fields and the runtime', async () => {
    await open(ids['resnet50 baseline'], 'info');
    await expect.poll(() => page.getByRole('region', { name: 'Runtime' }).innerText()).toContain('gpu-box-1');
    await screenshot(page, 'tab-info');
  });

  test('shows a clear empty state on tabs with nothing recorded', async () => {
    const id = ids['queued sweep'];
    for (const [tab, text] of [
      ['scalars', 'No scalars were reported'],
      ['plots', 'No plots were reported'],
      ['debug-samples', 'No debug samples were reported'],
      ['console', 'Nothing was printed'],
    ] as const) {
      await open(id, tab);
      await expect.poll(() => page.getByRole('status').filter({ hasText: text }).count(), { message: tab }).toBe(1);
    }
    await open(ids['next experiment'], 'artifacts');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No artifacts or models' }).count()).toBe(1);
  });
});
