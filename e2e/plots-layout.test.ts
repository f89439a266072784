/**
 * Issue 15 (plots): a plot's legend lists every series without paging, and its axis names lie clear of the
 * axis labels and the plotting area, inside the chart. Read from the drawn chart (ECharts' own layout).
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { chartLayout, type Box } from './support/charts';

let app: AppSession;
let srv: TestServer;
let page: Page;
let task: string;

const NAMES = Array.from({ length: 12 }, (_, i) => `validation run with a long name ${i + 1}`);
const LABEL = 'plot wide / curves';

/** The drawn layout of a chart of this page (the first plot's unless told). */
const layout = async (label = LABEL) => {
  const drawn = await chartLayout(page, label);
  return { ...drawn, grid: drawn.grid! };
};

/** Reports `fig` as the task's plot `metric / variant`, opens its Plots tab and answers that plot's drawn layout. */
async function drawn(metric: string, variant: string, fig: object) {
  await srv.client.call('events.add_batch', [
    { type: 'plot', task, metric, variant, iter: 3, plot_str: JSON.stringify(fig), timestamp: Date.now() },
  ]);
  await page.goto(`${srv.url}/projects/*/tasks/${task}/plots`);
  await page.locator(`[data-plot="${metric} / ${variant}"]`).scrollIntoViewIfNeeded();
  await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), `plot ${metric} / ${variant}`, { timeout: 30_000 });
  return layout(`plot ${metric} / ${variant}`);
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
/** How far apart two boxes are (px along the axis that parts them; 0 or less when they touch or overlap). */
const gap = (a: Box, b: Box) => Math.max(b.x - (a.x + a.w), a.x - (b.x + b.w), b.y - (a.y + a.h), a.y - (b.y + b.h));
/** The least room between an axis name and a label that reads as apart rather than run together. */
const NAME_ROOM = 4;
const inside = (a: Box, width: number, height: number) => a.x >= 0 && a.y >= 0 && a.x + a.w <= width && a.y + a.h <= height;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  task = (await srv.client.call('tasks.create', { name: 'many curves', type: 'training' })).id;
  // Twelve series with long names, and values whose labels are wide (nine digits and their separators).
  const fig = {
    data: NAMES.map((name, i) => ({
      type: 'scatter',
      mode: 'lines',
      name,
      x: [0, 1, 2, 3],
      y: [100_000_000 + i * 1e6, 150_000_000 + i * 1e6, 120_000_000, 180_000_000 - i * 5e5],
    })),
    layout: { title: 'wide', xaxis: { title: 'epoch' }, yaxis: { title: 'samples seen' } },
  };
  await srv.client.call('events.add_batch', [
    { type: 'plot', task, metric: 'wide', variant: 'curves', iter: 3, plot_str: JSON.stringify(fig), timestamp: Date.now() },
  ]);
  await page.goto(`${srv.url}/projects/*/tasks/${task}/plots`);
  await page.locator(`[data-plot="${LABEL.slice('plot '.length)}"]`).scrollIntoViewIfNeeded();
  await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), LABEL, { timeout: 30_000 });
});
test.afterAll(() => app?.close());

test('lists all twelve series in full, wrapping onto lines rather than paging; a click hides one', async () => {
  // ECharts' own legend (whose 'scroll' type pages behind arrows) is not drawn.
  const legendOption = await page.evaluate(
    (l) => (window.__taskdeckCharts!.get(l)!.getOption() as { legend: { show?: boolean; type?: string }[] }).legend[0],
    LABEL,
  );
  expect(legendOption.show).toBe(false);
  const legend = page.getByRole('list', { name: `legend ${LABEL.slice('plot '.length)}` });
  expect(await legend.getByRole('listitem').allInnerTexts()).toEqual(NAMES);
  // Every name in view: the list neither scrolls nor clips, and it took more than one line.
  const fit = await legend.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    tops: [...el.querySelectorAll('li')].map((li) => Math.round(li.getBoundingClientRect().top)),
  }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.client);
  expect(new Set(fit.tops).size).toBeGreaterThan(1);
  for (const li of await legend.getByRole('listitem').all()) {
    const b = (await li.boundingBox())!;
    const l = (await legend.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(l.x + l.width + 1);
  }
  // The colours are the series' own.
  const colors = await page.evaluate((l) => (window.__taskdeckCharts!.get(l)!.getOption() as { color: string[] }).color, LABEL);
  const swatches = await legend
    .locator('li [aria-hidden]')
    .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
  expect(swatches).toHaveLength(12);
  expect(colors.slice(0, 3)).toEqual(['#1976d2', '#e65100', '#2e7d32']);
  expect(swatches.slice(0, 3)).toEqual(['rgb(25, 118, 210)', 'rgb(230, 81, 0)', 'rgb(46, 125, 50)']);

  await legend.getByRole('button', { name: NAMES[4] }).click();
  await expect
    .poll(() =>
      page.evaluate(
        (l) =>
          (window.__taskdeckCharts!.get(l)!.getOption() as { legend: { selected: Record<string, boolean> }[] }).legend[0]
            .selected,
        LABEL,
      ),
    )
    .toMatchObject({ [NAMES[4]]: false });
  expect(await legend.getByRole('button', { name: NAMES[4] }).getAttribute('aria-pressed')).toBe('false');
});

test('draws the axis names inside the chart, clear of the axis labels and the plotting area', async () => {
  const { grid, width, height, texts } = await layout();
  const yName = texts.find((t) => t.text === 'samples seen');
  const xName = texts.find((t) => t.text === 'epoch');
  expect(yName, 'the y axis name is drawn').toBeTruthy();
  expect(xName, 'the x axis name is drawn').toBeTruthy();
  // The y axis labels: the numbers left of the plotting area.
  const yLabels = texts.filter((t) => /^[\d,.]+$/.test(t.text) && t.box.x + t.box.w <= grid.x + 1);
  expect(yLabels.length).toBeGreaterThan(2);
  const xLabels = texts.filter((t) => /^[\d,.]+$/.test(t.text) && t.box.y >= grid.y + grid.h - 1);
  expect(xLabels.length).toBeGreaterThan(1);
  for (const name of [yName!, xName!]) {
    expect(inside(name.box, width, height), `${name.text} inside the chart`).toBe(true);
    expect(overlap(name.box, grid), `${name.text} off the plotting area`).toBe(false);
    for (const label of [...yLabels, ...xLabels])
      expect(overlap(name.box, label.box), `${name.text} clear of the label ${label.text}`).toBe(false);
  }
  for (const label of yLabels) expect(inside(label.box, width, height), `label ${label.text} inside the chart`).toBe(true);
});

test('cuts a long axis name short, leaving the plotting area most of the chart', async () => {
  // Titles of about 200 characters, as a script may send: drawn whole, they took all but a corner of the chart.
  const long = (words: string) => Array.from({ length: 10 }, () => words).join(' ');
  const fig = {
    data: [{ type: 'scatter', mode: 'lines', name: 'run', x: [0, 1, 2, 3], y: [3, 1, 4, 1] }],
    layout: { xaxis: { title: long('epoch of the run') }, yaxis: { title: long('samples seen so far') } },
  };
  const { grid, width, height, texts } = await drawn('long', 'names', fig);
  const names = texts.filter((t) => /^(epoch of the run|samples seen so far) .*\.\.\.$/.test(t.text));
  expect(names.map((n) => n.text.split(' ')[0]).sort(), 'both names drawn, cut with an ellipsis').toEqual(['epoch', 'samples']);
  const labels = texts.filter((t) => /^[\d,.]+$/.test(t.text));
  expect(labels.length).toBeGreaterThan(4);
  for (const name of names) {
    expect(inside(name.box, width, height), `${name.text} inside the chart`).toBe(true);
    expect(overlap(name.box, grid), `${name.text} off the plotting area`).toBe(false);
    for (const label of labels) expect(overlap(name.box, label.box), `${name.text} clear of the label ${label.text}`).toBe(false);
  }
  expect(grid.w / width, "the plotting area's share of the width").toBeGreaterThan(0.6);
  expect(grid.h / height, "the plotting area's share of the height").toBeGreaterThan(0.6);
});

test("a histogram's axis names stand apart from its bin and count labels", async () => {
  // The demo's histogram: twenty bins numbered from 0, named "bin" along x and "count" up y.
  const counts = [5, 4, 4, 7, 11, 21, 26, 42, 52, 59, 65, 60, 51, 39, 25, 19, 13, 4, 6, 6];
  const fig = {
    data: [{ type: 'bar', name: 'layer1', x: counts.map((_, i) => i), y: counts }],
    layout: { title: 'weights', xaxis: { title: 'bin' }, yaxis: { title: 'count' }, barmode: 'group' },
  };
  const { grid, width, height, texts } = await drawn('weights', 'layer1', fig);
  const xName = texts.find((t) => t.text === 'bin');
  const yName = texts.find((t) => t.text === 'count');
  expect(xName, 'the x axis name is drawn').toBeTruthy();
  expect(yName, 'the y axis name is drawn').toBeTruthy();
  const labels = texts.filter((t) => /^\d+$/.test(t.text));
  const binLabels = labels.filter((t) => t.box.y >= grid.y + grid.h - 1);
  expect(binLabels.length, 'bin labels drawn under the plot').toBeGreaterThan(9);
  expect(labels.length - binLabels.length, 'count labels drawn left of the plot').toBeGreaterThan(2);
  for (const name of [xName!, yName!]) {
    expect(inside(name.box, width, height), `${name.text} inside the chart`).toBe(true);
    for (const label of labels)
      expect(gap(name.box, label.box), `${name.text} apart from the label ${label.text}`).toBeGreaterThanOrEqual(NAME_ROOM);
  }
});
