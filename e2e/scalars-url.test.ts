/**
 * Issue 15 (history): a task's Scalars view (grouping, smoothing and its weight, the log scales) is in the URL, so
 * reload, a new tab, Back and Forward each draw the same charts again. Read from the charts' data and the URL.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { lossPoint, T0 } from '../src/server/testing/scalar-event';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

let app: AppSession;
let srv: TestServer;
let page: Page;
let task: string;

const N = 30;
const train = (i: number) => 5 - i * 0.1 + (i % 3) * 0.3;
const validation = (i: number) => 6 - i * 0.05;
const TRAIN = Array.from({ length: N }, (_, i) => train(i));

/** Bias-corrected EMA as TensorBoard and ClearML draw it, written out here from its definition. */
function ema(ys: number[], w: number): number[] {
  let acc = 0;
  return ys.map((y, i) => {
    acc = acc * w + (1 - w) * y;
    return acc / (1 - w ** (i + 1));
  });
}

interface Opt {
  series: { name: string; type: string; data: [number, number][] }[];
  yAxis: { type: string }[];
}
const option = (label: string) =>
  page.evaluate((l) => window.__taskdeckCharts?.get(l)?.getOption() as unknown, label) as Promise<Opt | undefined>;
/** A chart's drawn lines: names, and the y values of each. */
const lines = async (label: string) =>
  ((await option(label))?.series ?? [])
    .filter((s) => s.type === 'line')
    .map((s) => ({ name: s.name, y: s.data.map((p) => p[1]) }));
const yAxis = async (label: string) => (await option(label))?.yAxis[0].type;
/** The chart slots on the page, in order. */
const slots = () => page.locator('[data-metric-slot]').evaluateAll((els) => els.map((e) => e.getAttribute('data-metric-slot')));
const params = () => Object.fromEntries(new URL(page.url()).searchParams);
const historyLength = () => page.evaluate(() => history.length);

async function chart(label: string, slot: string): Promise<void> {
  await page.locator(`[data-metric-slot="${slot}"]`).scrollIntoViewIfNeeded();
  await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), label, { timeout: 30_000 });
}

/** The smoothed train line of the per-variant chart (the raw one is drawn under it, faint). */
const smoothedTrain = async () => (await lines('chart loss / train')).map((l) => l.y);
const closeTo = (got: number[] | undefined, want: number[]) =>
  !!got && got.length === want.length && got.every((v, i) => Math.abs(v - want[i]) < 1e-9);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  task = (await srv.client.call('tasks.create', { name: 'scalar view', type: 'training' })).id;
  const ev = (variant: string, iter: number, value: number) => lossPoint(task, variant, iter, value, T0 + iter * 1000);
  await srv.client.call(
    'events.add_batch',
    Array.from({ length: N }, (_, i) => [ev('train', i, train(i)), ev('validation', i, validation(i))]).flat(),
  );
});
test.afterAll(() => app?.close());

test('grouping, smoothing, its weight and the log scale go into the URL; reload, a new tab, Back and Forward restore them', async () => {
  await page.goto(`${srv.url}/projects/*/tasks/${task}/scalars`);
  await chart('chart loss', 'loss');
  expect((await lines('chart loss')).map((l) => l.name)).toEqual(['train', 'validation']);
  expect(params()).toEqual({});
  const h0 = await historyLength();

  // 1. Group by metric and variant.
  await page.getByRole('combobox', { name: 'Group by' }).click();
  await page.getByRole('option', { name: 'Metric and variant' }).click();
  await expect.poll(params).toEqual({ group: 'variant' });
  await chart('chart loss / train', 'loss / train');
  expect(await slots()).toEqual(['loss / train', 'loss / validation']);
  expect(await historyLength()).toBe(h0 + 1);

  // 2. EMA smoothing: the smoothed line is the EMA of weight 0.6 (the kind's default).
  await page.getByRole('combobox', { name: 'Smoothing' }).click();
  await page.getByRole('option', { name: 'Exponential moving average' }).click();
  await expect.poll(params).toEqual({ group: 'variant', smoothing: 'ema', smoothingValue: '0.6' });
  await expect.poll(async () => closeTo((await smoothedTrain())[1], ema(TRAIN, 0.6))).toBe(true);
  expect((await smoothedTrain())[0]).toEqual(TRAIN);
  expect(await historyLength()).toBe(h0 + 2);

  // 3. The weight, three steps of the slider by keyboard: one gesture, one history entry.
  await page.getByRole('slider').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(params).toEqual({ group: 'variant', smoothing: 'ema', smoothingValue: '0.603' });
  await expect.poll(async () => closeTo((await smoothedTrain())[1], ema(TRAIN, 0.603))).toBe(true);
  expect(await historyLength()).toBe(h0 + 3);

  // 4. The page's log scale.
  // The switch follows the URL, a moment after the click: click it, then wait for it (check() looks at once).
  await page.getByLabel('Log scale', { exact: true }).click();
  await expect(page.getByLabel('Log scale', { exact: true })).toBeChecked();
  await expect.poll(() => yAxis('chart loss / train')).toBe('log');
  expect(params()).toEqual({ group: 'variant', smoothing: 'ema', smoothingValue: '0.603', log: 'true' });
  expect(await historyLength()).toBe(h0 + 4);
  const url = page.url();

  // Reload: the same view, drawn from the URL alone.
  await page.reload();
  await chart('chart loss / train', 'loss / train');
  expect(await slots()).toEqual(['loss / train', 'loss / validation']);
  await expect.poll(async () => closeTo((await smoothedTrain())[1], ema(TRAIN, 0.603))).toBe(true);
  expect(await yAxis('chart loss / train')).toBe('log');
  expect(await page.getByRole('combobox', { name: 'Smoothing' }).innerText()).toBe('Exponential moving average');
  expect(await page.getByLabel('Log scale', { exact: true }).isChecked()).toBe(true);

  // A new tab on the link.
  const other = await page.context().newPage();
  try {
    await other.goto(url);
    await other.locator('[data-metric-slot="loss / validation"]').scrollIntoViewIfNeeded();
    await other.waitForFunction(() => !!window.__taskdeckCharts?.get('chart loss / validation'), undefined, { timeout: 30_000 });
    const drawn = await other.evaluate(() => {
      const o = window.__taskdeckCharts!.get('chart loss / validation')!.getOption() as unknown as Opt;
      return { axis: o.yAxis[0].type, lines: o.series.filter((s) => s.type === 'line').map((s) => s.data.map((p) => p[1])) };
    });
    expect(drawn.axis).toBe('log');
    expect(
      closeTo(
        drawn.lines[1],
        ema(
          Array.from({ length: N }, (_, i) => validation(i)),
          0.603,
        ),
      ),
    ).toBe(true);
  } finally {
    await other.close();
  }

  // Back, step by step: the log scale off, the weight as it was, no smoothing, one chart per metric.
  await page.goBack();
  await expect.poll(() => yAxis('chart loss / train')).toBe('value');
  expect(params()).toEqual({ group: 'variant', smoothing: 'ema', smoothingValue: '0.603' });
  await page.goBack();
  await expect.poll(params).toEqual({ group: 'variant', smoothing: 'ema', smoothingValue: '0.6' });
  await expect.poll(async () => closeTo((await smoothedTrain())[1], ema(TRAIN, 0.6))).toBe(true);
  await page.goBack();
  await expect.poll(params).toEqual({ group: 'variant' });
  await expect.poll(async () => (await smoothedTrain()).length).toBe(1);
  expect((await smoothedTrain())[0]).toEqual(TRAIN);
  await page.goBack();
  await expect.poll(params).toEqual({});
  await chart('chart loss', 'loss');
  expect(await slots()).toEqual(['loss']);
  expect((await lines('chart loss')).map((l) => l.name)).toEqual(['train', 'validation']);

  // Forward again.
  await page.goForward();
  await expect.poll(params).toEqual({ group: 'variant' });
  await chart('chart loss / train', 'loss / train');
  expect(await slots()).toEqual(['loss / train', 'loss / validation']);
});

test("one chart's own log switch is in the URL too, and comes back on reload", async () => {
  await page.goto(`${srv.url}/projects/*/tasks/${task}/scalars?group=variant`);
  await chart('chart loss / train', 'loss / train');
  await page.getByRole('button', { name: 'log scale loss / train' }).click();
  await expect.poll(() => yAxis('chart loss / train')).toBe('log');
  expect(JSON.parse(params().chartLog)).toEqual({ 'loss / train': true });
  await page.reload();
  await chart('chart loss / validation', 'loss / validation');
  await chart('chart loss / train', 'loss / train');
  expect(await yAxis('chart loss / train')).toBe('log');
  expect(await yAxis('chart loss / validation')).toBe('value');
  await page.goBack();
  await expect.poll(() => yAxis('chart loss / train')).toBe('value');
});

test("the side panel's Scalars tab keeps its view in the table's URL, beside the table's own", async () => {
  await page.goto(`${srv.url}/projects/*/tasks?task=${task}&tab=scalars&smoothing=running&smoothingValue=5`);
  const panel = page.getByRole('region', { name: 'task panel' });
  await panel.locator('[data-metric-slot="loss"]').waitFor();
  await chart('chart loss', 'loss');
  const running5 = TRAIN.map((_, i) => {
    const w = TRAIN.slice(Math.max(0, i - 4), i + 1);
    return w.reduce((a, b) => a + b, 0) / w.length;
  });
  await expect
    .poll(async () => closeTo((await lines('chart loss')).filter((l) => l.name === 'train')[1]?.y, running5))
    .toBe(true);
  // Another tab of the panel and back: the view stays with the panel.
  await panel.getByRole('tab', { name: 'Console' }).click();
  await expect.poll(() => params().tab).toBe('console');
  expect(params()).toMatchObject({ smoothing: 'running', smoothingValue: '5' });
  await panel.getByRole('tab', { name: 'Scalars' }).click();
  await chart('chart loss', 'loss');
  expect(await page.getByRole('combobox', { name: 'Smoothing' }).innerText()).toBe('Running average');

  // The full page takes the view along.
  await panel.getByRole('button', { name: 'open full page' }).click();
  await expect.poll(() => decodeURIComponent(new URL(page.url()).pathname)).toBe(`/projects/*/tasks/${task}/scalars`);
  expect(params()).toEqual({ smoothing: 'running', smoothingValue: '5' });
  // The address changes before the page is drawn: while its script loads, the table and panel stay on screen, and
  // their chart is not the one to read.
  await expect(page.locator('[aria-label="task panel"]')).toHaveCount(0);
  await chart('chart loss', 'loss');
  await expect
    .poll(async () => closeTo((await lines('chart loss')).filter((l) => l.name === 'train')[1]?.y, running5))
    .toBe(true);
});
