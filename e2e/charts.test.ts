/** The chart wrapper (EChartCanvas, lazily loaded): follows its container's size and the colour mode, and leaves the registry on unmount. */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { openApp, type AppSession } from './support/app';

const LABEL = 'queue activity default';
let app: AppSession;
let page: Page;

/** The chart's drawn width and its element's width, as ECharts and the DOM see them. */
const widths = () =>
  page.evaluate((l) => {
    const c = window.__taskdeckCharts?.get(l);
    const el = document.querySelector(`[aria-label="${l}"]`);
    return { chart: c && !c.isDisposed() ? c.getWidth() : -1, element: el?.clientWidth ?? -1 };
  }, LABEL);

/** The chart's series by name and type (the data itself grows as the queue is sampled). */
const seriesOf = () =>
  page.evaluate((l) => {
    const opt = window.__taskdeckCharts!.get(l)!.getOption() as { series: { name?: string; type?: string }[] };
    return opt.series.map((s) => `${s.name}:${s.type}`);
  }, LABEL);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  page = app.page;
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${app.srv.url}/workers-and-queues`);
  await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), LABEL, { timeout: 30_000 });
});
test.afterAll(async () => {
  await app?.close();
});

test('resizes the chart with its container', async () => {
  await expect
    .poll(widths, { timeout: 20_000, message: 'chart drawn at its element width' })
    .toSatisfy((w: { chart: number; element: number }) => w.chart > 0 && w.chart === w.element);
  const before = (await widths()).chart;
  await page.setViewportSize({ width: 900, height: 900 });
  await expect
    .poll(widths, { timeout: 20_000, message: 'chart follows its container to its new width' })
    .toSatisfy((w: { chart: number; element: number }) => w.element !== before && w.chart === w.element);
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('follows a container resized right after the first draw', async () => {
  // The reverted move to echarts-for-react lost exactly this: its autoResize skips the first size report.
  await page.goto(`${app.srv.url}/workers-and-queues`);
  await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), LABEL, { timeout: 30_000 });
  await page.setViewportSize({ width: 1100, height: 900 });
  await expect
    .poll(widths, { timeout: 20_000, message: 'chart follows a resize right after it was drawn' })
    .toSatisfy((w: { chart: number; element: number }) => w.element > 0 && w.chart === w.element);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect.poll(widths, { timeout: 20_000 }).toSatisfy((w: { chart: number; element: number }) => w.chart === w.element);
});

test('rebuilds the chart when the colour mode changes, with the same series', async () => {
  // Drawn without series until the samples come (the page was just loaded again).
  await expect.poll(seriesOf).not.toEqual([]);
  const seriesBefore = await seriesOf();
  await page.evaluate((l) => {
    (window as unknown as { __oldChart: unknown }).__oldChart = window.__taskdeckCharts!.get(l);
  }, LABEL);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(
    (l) => {
      const old = (window as unknown as { __oldChart: { isDisposed(): boolean } }).__oldChart;
      const now = window.__taskdeckCharts?.get(l);
      return old.isDisposed() && !!now && now !== (old as unknown) && !now.isDisposed();
    },
    LABEL,
    { timeout: 20_000 },
  );
  await expect.poll(seriesOf).toEqual(seriesBefore);
});

test('disposes the chart and drops it from the registry when it leaves the page', async () => {
  await page.evaluate((l) => {
    (window as unknown as { __lastChart: unknown }).__lastChart = window.__taskdeckCharts!.get(l);
  }, LABEL);
  // Client-side navigation: the page (and window) stay, the chart unmounts.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.waitForFunction(
    (l) =>
      !window.__taskdeckCharts?.has(l) &&
      (window as unknown as { __lastChart: { isDisposed(): boolean } }).__lastChart.isDisposed(),
    LABEL,
    { timeout: 20_000 },
  );
});
