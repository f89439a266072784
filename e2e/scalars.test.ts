/** Issue: scalars tools (grouping, per-chart log, PNG/CSV/JSON downloads, machine section, smoothing) and full-fidelity zoom. */
import fs from 'node:fs';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { ScalarPoint } from '../src/server/store/store';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { docsScreenshot } from './support/browser';

let app: AppSession;
let srv: TestServer;
let page: Page;
let task: string;

const N = 100;
const train = (i: number) => 10 - i * 0.05 + (i % 5) * 0.2;
const validation = (i: number) => 12 - i * 0.04;
const BIG = 1_000_000;
const SPIKE_AT = 654_321;
const spiky = (i: number) => (i === SPIKE_AT ? 1000 : Math.sin(i / 5000) + ((i * 7919) % 101) / 101);

interface Opt {
  series: { name: string; type: string; data: [number, number][]; lineStyle?: { opacity?: number } }[];
  yAxis: { type: string }[];
  dataZoom: { startValue?: number; endValue?: number }[];
}

const option = (label: string) =>
  page.evaluate((l) => window.__taskdeckCharts?.get(l)?.getOption() as unknown, label) as Promise<Opt | undefined>;
const lines = async (label: string) => (await option(label))?.series.filter((s) => s.type === 'line') ?? [];

async function chart(label: string, slot: string): Promise<void> {
  await page.locator(`[data-metric-slot="${slot}"]`).scrollIntoViewIfNeeded();
  await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), label, { timeout: 30_000 });
}

async function download(button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync((await d.path())!) };
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  task = (await srv.client.call('tasks.create', { name: 'scalar tools', type: 'training' })).id;
  await srv.client.call('tasks.started', { task });
  const ev = (metric: string, variant: string, iter: number, value: number) => ({
    type: 'training_stats_scalar',
    task,
    metric,
    variant,
    iter,
    value,
    timestamp: 1.7e12 + iter * 1000,
  });
  const batch = [];
  for (let i = 0; i < N; i++)
    batch.push(ev('loss', 'train', i, train(i)), ev('loss', 'validation', i, validation(i)), ev(':monitor:gpu', 'util', i, 50));
  await srv.client.call('events.add_batch', batch);
  // A million points straight into the store (the API path is tested elsewhere); one spike among them.
  for (let from = 0; from < BIG; from += 100_000) {
    const pts: ScalarPoint[] = [];
    for (let i = from; i < from + 100_000; i++)
      pts.push({ task, metric: 'spiky', variant: 'raw', iter: i, value: spiky(i), timestamp: 1.7e12 + i });
    await srv.store.transaction(() => srv.store.events.addScalars(pts));
  }
  await page.goto(`${srv.url}/projects/*/tasks/${task}/scalars`);
});
test.afterAll(() => app?.close());

test('groups by metric, or by metric and variant, drawing the points sent', async () => {
  await chart('chart loss', 'loss');
  expect((await lines('chart loss')).map((s) => s.name)).toEqual(['train', 'validation']);
  await page.getByRole('combobox', { name: 'Group by' }).click();
  await page.getByRole('option', { name: 'Metric and variant' }).click();
  await chart('chart loss / validation', 'loss / validation');
  const v = await lines('chart loss / validation');
  expect(v.map((s) => s.name)).toEqual(['validation']);
  expect(v[0].data).toEqual(Array.from({ length: N }, (_, i) => [i, validation(i)]));
  await chart('chart loss / train', 'loss / train');
  expect((await lines('chart loss / train')).map((s) => s.name)).toEqual(['train']);
  expect(await page.locator('[data-metric-slot="loss"]').count()).toBe(0);
  await page.getByRole('combobox', { name: 'Group by' }).click();
  await page.getByRole('option', { name: 'Metric', exact: true }).click();
  await chart('chart loss', 'loss');
});

test('switches one chart to a log scale, leaving the others', async () => {
  await chart('chart spiky', 'spiky');
  await page.getByRole('button', { name: 'log scale loss' }).click();
  await expect.poll(async () => (await option('chart loss'))?.yAxis[0].type).toBe('log');
  expect((await option('chart spiky'))?.yAxis[0].type).toBe('value');
  await page.getByRole('button', { name: 'log scale loss' }).click();
  await expect.poll(async () => (await option('chart loss'))?.yAxis[0].type).toBe('value');
});

test('downloads a chart as PNG, and its data as CSV and JSON', async () => {
  await chart('chart loss', 'loss');
  const png = await download(page.getByRole('button', { name: 'download PNG loss' }));
  expect(png.name).toBe('loss.png');
  expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
  const width = await page.evaluate(() => window.__taskdeckCharts!.get('chart loss')!.getWidth());
  // IHDR: the width at byte 16, drawn at twice the chart's pixels.
  expect(png.bytes.readUInt32BE(16)).toBe(width * 2);

  const csv = await download(page.getByRole('button', { name: 'download CSV loss' }));
  expect(csv.name).toBe('loss.csv');
  const rows = Papa.parse<string[]>(csv.bytes.toString(), { skipEmptyLines: true }).data;
  expect(rows[0]).toEqual(['series', 'iteration', 'value']);
  expect(rows).toHaveLength(1 + 2 * N);
  expect(rows.slice(1, 4)).toEqual([0, 1, 2].map((i) => ['train', String(i), String(train(i))]));
  expect(rows[1 + N + 7]).toEqual(['validation', '7', String(validation(7))]);

  const json = await download(page.getByRole('button', { name: 'download JSON loss' }));
  expect(json.name).toBe('loss.json');
  const data = JSON.parse(json.bytes.toString()) as { name: string; x: number[]; y: number[] }[];
  expect(data.map((s) => s.name)).toEqual(['train', 'validation']);
  expect(data[1].x).toEqual(Array.from({ length: N }, (_, i) => i));
  expect(data[1].y).toEqual(Array.from({ length: N }, (_, i) => validation(i)));
});

test('keeps machine metrics in their own section, folded until opened', async () => {
  const section = page.getByRole('region', { name: 'machine metrics' });
  await expect.poll(() => section.getByRole('button', { name: /Machine \(1\)/ }).getAttribute('aria-expanded')).toBe('false');
  expect(await page.locator('[data-metric-slot=":monitor:gpu"]').count()).toBe(0);
  await section.getByRole('button', { name: /Machine/ }).click();
  await chart('chart :monitor:gpu', ':monitor:gpu');
  expect((await lines('chart :monitor:gpu'))[0].data).toEqual(Array.from({ length: N }, (_, i) => [i, 50]));
  // The section comes after every training metric.
  const order = await page.locator('[data-metric-slot]').evaluateAll((els) => els.map((e) => e.getAttribute('data-metric-slot')));
  expect(order.at(-1)).toBe(':monitor:gpu');
});

async function pickSmoothing(name: string) {
  await page.getByRole('combobox', { name: 'Smoothing' }).click();
  await page.getByRole('option', { name }).click();
}

test('smooths by EMA, running average or Gaussian, or not at all', async () => {
  await chart('chart loss', 'loss');
  const smoothedTrain = async () =>
    (await lines('chart loss')).filter((s) => s.name === 'train').map((s) => s.data.map((p) => p[1]));
  const ys = Array.from({ length: N }, (_, i) => train(i));

  await pickSmoothing('Running average');
  // Window 10 (the default): the mean of the last ten points, fewer at the start.
  const running = ys.map((_, i) => {
    const w = ys.slice(Math.max(0, i - 9), i + 1);
    return w.reduce((a, b) => a + b, 0) / w.length;
  });
  await expect.poll(async () => (await smoothedTrain()).length).toBe(2);
  const [raw, avg] = await smoothedTrain();
  expect(raw).toEqual(ys);
  avg.forEach((v, i) => expect(v).toBeCloseTo(running[i], 9));

  await pickSmoothing('Exponential moving average');
  // Weight 0.6 (the default), bias-corrected as TensorBoard draws it.
  let acc = 0;
  const ema = ys.map((y, i) => ((acc = acc * 0.6 + 0.4 * y), acc / (1 - 0.6 ** (i + 1))));
  await expect.poll(async () => (await smoothedTrain())[1]?.[5]).toBeCloseTo(ema[5], 9);
  (await smoothedTrain())[1].forEach((v, i) => expect(v).toBeCloseTo(ema[i], 9));

  await pickSmoothing('Gaussian');
  // Sigma 3: a straight stretch stays straight (validation is linear), and the zig-zag of train is flattened.
  // Waited for on this, which EMA's lines (four as well) do not show: EMA lags behind a straight line.
  const straight = async () => {
    const v = (await lines('chart loss')).filter((s) => s.name === 'validation');
    return v.length === 2 && v[1].data.slice(10, N - 10).every((p, k) => Math.abs(p[1] - validation(k + 10)) < 1e-9);
  };
  await expect.poll(straight).toBe(true);
  expect(await lines('chart loss')).toHaveLength(4);
  const g = (await smoothedTrain())[1];
  const wiggle = (a: number[]) => Math.max(...a.slice(10, 90).map((v, i) => Math.abs(v - (a[i + 10 - 1] + a[i + 10 + 1]) / 2)));
  expect(wiggle(g)).toBeLessThan(wiggle(ys) / 10);

  await pickSmoothing('None');
  await expect.poll(async () => (await lines('chart loss')).length).toBe(2);
});

/** The points of a chart's line inside its zoomed window (the whole series when not zoomed). */
async function visible(label: string) {
  const o = (await option(label))!;
  const s = o.series.find((x) => x.type === 'line')!;
  const lo = o.dataZoom[0].startValue ?? -Infinity;
  const hi = o.dataZoom[0].endValue ?? Infinity;
  return s.data.filter((p) => p[0] >= lo && p[0] <= hi);
}

async function zoomTo(label: string, lo: number, hi: number) {
  await page.evaluate(
    ({ l, lo, hi }) =>
      window.__taskdeckCharts!.get(l)!.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, startValue: lo, endValue: hi }),
    { l: label, lo, hi },
  );
  // The card says which range its detail was fetched for once it arrived.
  await expect
    .poll(() => page.locator('[data-metric="spiky"]').getAttribute('data-zoom-range'), { timeout: 30_000 })
    .toBe(`${lo},${hi}`);
}

test('finds one spike in a million points at three zoom levels, fetching each range at full resolution', async () => {
  test.setTimeout(120_000);
  await chart('chart spiky', 'spiky');
  await page.getByRole('button', { name: 'full screen spiky' }).click();
  const label = 'full screen chart spiky';
  await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), label, { timeout: 30_000 });

  // 1. All of it: 2,000 samples at most, the spike among them, and a band reaching it.
  const all = await visible(label);
  expect(all.length).toBeLessThanOrEqual(2000);
  expect(all.find((p) => p[1] === 1000)?.[0]).toBe(SPIKE_AT);
  const band = (await option(label))!.series.find((s) => s.type === 'custom')!.data as unknown as number[][];
  expect(Math.max(...band.map((r) => r[3]))).toBe(1000);

  // 2. A tenth of it (100,000 points): fetched anew, denser than the overview there, spike kept.
  await zoomTo(label, 600_000, 700_000);
  const tenth = await visible(label);
  expect(tenth.length).toBeGreaterThan(all.filter((p) => p[0] >= 600_000 && p[0] <= 700_000).length * 5);
  expect(tenth.find((p) => p[1] === 1000)?.[0]).toBe(SPIKE_AT);

  // 3. Forty points around it: every point, exactly as stored.
  await zoomTo(label, SPIKE_AT - 20, SPIKE_AT + 20);
  const close = await visible(label);
  expect(close).toEqual(Array.from({ length: 41 }, (_, k) => [SPIKE_AT - 20 + k, spiky(SPIKE_AT - 20 + k)]));

  await zoomTo(label, SPIKE_AT - 2000, SPIKE_AT + 2000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await docsScreenshot(page, 'scalars-zoomed');
  await page.keyboard.press('Escape');
});

test('zooms a card with the mouse wheel, fetching the range it shows', async () => {
  await page.goto(`${srv.url}/projects/*/tasks/${task}/scalars`);
  await chart('chart spiky', 'spiky');
  const box = (await page.getByRole('img', { name: 'chart spiky' }).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -300);
  const card = page.locator('[data-metric="spiky"]');
  // Wheel steps land one after another (slowly on a busy machine), and each settled zoom fetches its range:
  // wait for the range the eight steps lead to, not the first one fetched.
  const shown = async () => {
    const range = (await card.getAttribute('data-zoom-range')) ?? '';
    if (!/^\d+,\d+$/.test(range)) return undefined;
    const [lo, hi] = range.split(',').map(Number);
    const { startValue = NaN, endValue = NaN } = (await option('chart spiky'))!.dataZoom[0];
    return { width: hi - lo, drawnInsideFetched: startValue >= lo - 1 && endValue <= hi + 1 };
  };
  await expect.poll(shown, { timeout: 30_000 }).toEqual({ width: expect.any(Number), drawnInsideFetched: true });
  await expect.poll(async () => (await shown())!.width, { timeout: 30_000 }).toBeLessThan(BIG / 2);
  expect((await shown())!.drawnInsideFetched).toBe(true);
});
