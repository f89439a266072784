/**
 * Issue 15 (debug-sample viewer): the metric switch inside the viewer shows the other metric's image of the same
 * iteration, and dragging pans the zoomed image by the distance dragged. Read from the drawn image.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { encodePng } from '../src/client/demo/png';

let app: AppSession;
let srv: TestServer;
let page: Page;
let task: string;
/** metric → iteration → the image's URL. */
const urls: Record<string, Record<number, string>> = {};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  task = (await srv.client.call('tasks.create', { name: 'two sample metrics', type: 'training' })).id;
  const events = [];
  for (const [m, metric] of ['inputs', 'masks'].entries())
    for (const iter of [0, 10]) {
      const png = await encodePng(48, 32, (x, y) => [m ? 250 : x * 5, iter * 20, y * 7]);
      const key = `viewer/${task}/${metric}_${iter}.png`;
      const url = await srv.client.upload(key, png, 'image/png');
      (urls[metric] ??= {})[iter] = url;
      events.push({ type: 'training_debug_image', task, metric, variant: 'v', iter, key, url, timestamp: Date.now() });
    }
  await srv.client.call('events.add_batch', events);
});
test.afterAll(() => app?.close());

test('switches the metric inside the viewer, keeping the iteration; dragging pans the zoomed image', async () => {
  await page.goto(`${srv.url}/projects/*/tasks/${task}/debug-samples`);
  await page.getByRole('img', { name: 'inputs / v — iteration 10' }).click();
  const img = page.getByTestId('viewer-image');
  await expect.poll(() => img.getAttribute('src')).toBe(urls.inputs[10]);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(48);

  await page.getByRole('combobox', { name: 'Metric' }).click();
  await page.getByRole('option', { name: 'masks' }).click();
  await expect.poll(() => img.getAttribute('src')).toBe(urls.masks[10]);
  expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe('masks / v — iteration 10');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(48);

  await page.getByRole('button', { name: 'zoom in' }).click();
  const before = (await img.boundingBox())!;
  const stage = (await page.getByTestId('viewer-stage').boundingBox())!;
  const from = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await img.boundingBox())!.x - before.x)).toBe(60);
  const after = (await img.boundingBox())!;
  expect(Math.round(after.y - before.y)).toBe(40);
  // Panning moves the image, it does not scale it.
  expect(Math.round(after.width)).toBe(Math.round(before.width));
  await page.getByRole('button', { name: 'close viewer' }).click();
});

test("picks one metric's samples, or every metric's", async () => {
  await page.goto(`${srv.url}/projects/*/tasks/${task}/debug-samples`);
  const sections = () =>
    page.locator('section[aria-label^="debug samples "]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  await expect.poll(sections).toEqual(['debug samples inputs', 'debug samples masks']);
  await page.getByRole('combobox', { name: 'Metric' }).click();
  await page.getByRole('option', { name: 'masks' }).click();
  await expect.poll(sections).toEqual(['debug samples masks']);
  await page.getByRole('combobox', { name: 'Metric' }).click();
  await page.getByRole('option', { name: 'All metrics' }).click();
  await expect.poll(sections).toEqual(['debug samples inputs', 'debug samples masks']);
});
