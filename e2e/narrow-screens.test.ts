/** The frame on screens narrower than a desktop: a laptop's half screen (1024 px) and a phone (390 px). */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

let srv: TestServer;
let app: AppSession;
let page: Page;

const path = () => new URL(page.url()).pathname;
const bar = () => page.getByRole('banner');
const drawer = () => page.getByRole('presentation').filter({ has: page.getByRole('navigation', { name: 'pages' }) });

/** How far the element reaches past the window's right edge, in px (0 or less: inside). */
async function pastRightEdge(name: string): Promise<number> {
  const box = await bar().getByRole('button', { name, exact: true }).boundingBox();
  if (!box) throw new Error(`no "${name}" button drawn`);
  return box.x + box.width - page.viewportSize()!.width;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, page } = app);
});
test.afterAll(() => app?.close());

test.describe('narrow screens', () => {
  test('at 1024 px the bar keeps sign-out and colours on screen; its links are in a menu', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${srv.url}/projects`);
    await page.getByRole('navigation', { name: 'projects' }).waitFor();
    expect(await pastRightEdge('sign out')).toBeLessThanOrEqual(0);
    expect(await pastRightEdge('colour mode system')).toBeLessThanOrEqual(0);
    expect(await bar().evaluate((h) => h.scrollWidth - h.clientWidth)).toBeLessThanOrEqual(0);
    // The tree still sits beside the page: there is room for it.
    await page.getByRole('button', { name: 'menu' }).click();
    await expect(drawer().getByRole('navigation', { name: 'projects' })).toHaveCount(0);
    await drawer().getByRole('link', { name: 'Workers & Queues' }).click();
    await expect.poll(path).toBe('/workers-and-queues');
    await expect(drawer()).toHaveCount(0);
    await page.getByRole('button', { name: 'menu' }).click();
    await expect(drawer().getByRole('link', { name: 'Workers & Queues' })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Escape');
    await expect(drawer()).toHaveCount(0);
  });

  test('at 390 px the project tree and the signed-in name are in the menu, and the page does not spill sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${srv.url}/projects`);
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'projects' })).toHaveCount(0);
    expect(await pastRightEdge('sign out')).toBeLessThanOrEqual(0);
    const spill = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await spill()).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'menu' }).click();
    await expect(drawer()).toContainText('Administrator · admin');
    await drawer().getByRole('navigation', { name: 'projects' }).getByText('Demo', { exact: true }).click();
    await expect.poll(path).toMatch(/^\/projects\/[0-9a-f]{32}\/tasks$/);
    await expect(drawer()).toHaveCount(0);
    await page.getByRole('grid', { name: 'tasks' }).waitFor();
    expect(await spill()).toBeLessThanOrEqual(0);
    for (const to of ['/settings', '/datasets', '/pipelines', '/admin/users']) {
      await page.goto(`${srv.url}${to}`);
      await page.getByRole('table').first().waitFor();
      // A wide table scrolls in its own box: the page under the bar does not.
      const mainSpill = await page.getByRole('main').evaluate((m) => m.scrollWidth - m.clientWidth);
      expect(mainSpill, `${to} scrolls sideways as a whole`).toBeLessThanOrEqual(0);
    }
  });

  test('at 390 px charts, plots, queues, compare and a model fit the phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const mainSpill = () => page.getByRole('main').evaluate((m) => m.scrollWidth - m.clientWidth);
    const baseline = app.ids['resnet50 baseline'];
    const { project } = (await srv.client.call('tasks.get_by_id', { task: baseline })).task;
    for (const tab of ['scalars', 'plots']) {
      await page.goto(`${srv.url}/projects/${project}/tasks/${baseline}/${tab}`);
      // A card is drawn: a card grid wider than the phone is what made these tabs spill.
      await page
        .locator(tab === 'scalars' ? '[data-metric-slot]' : '[aria-label^="plots "]')
        .first()
        .waitFor();
      expect(await mainSpill(), `task ${tab} scrolls sideways as a whole`).toBeLessThanOrEqual(0);
    }

    await page.goto(`${srv.url}/workers-and-queues`);
    const entry = page.getByRole('region', { name: 'tasks in queue default' }).locator('li').first();
    await entry.waitFor();
    await page.getByRole('table', { name: 'workers' }).or(page.getByText('No worker is running')).first().waitFor();
    expect(await mainSpill(), 'workers & queues scrolls sideways as a whole').toBeLessThanOrEqual(0);
    // The entry's name and waiting time are not drawn under its buttons.
    const texts = [await entry.getByRole('link').boundingBox(), await entry.getByText(/^waiting /).boundingBox()];
    const buttons = await Promise.all((await entry.getByRole('button').all()).map((b) => b.boundingBox()));
    expect(buttons.length).toBeGreaterThanOrEqual(5);
    type Box = { x: number; y: number; width: number; height: number };
    const meet = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const t of texts)
      for (const b of buttons) expect(meet(t!, b!), "a queue entry's name or waiting time under a button").toBe(false);

    // A model's page: its 32-character id and its weights' address break rather than widen the page.
    const { models } = await srv.client.call('models.get_all', { task: [baseline] });
    await page.goto(`${srv.url}/models/${models[0].id}/general`);
    await page.getByRole('table', { name: 'model general' }).waitFor();
    expect(await mainSpill(), "a model's page scrolls sideways as a whole").toBeLessThanOrEqual(0);

    const two = `${baseline},${app.ids['resnet50 adam']}`;
    for (const tab of ['scalars', 'hyperparameters']) {
      await page.goto(`${srv.url}/compare?ids=${two}&tab=${tab}`);
      await page
        .locator(tab === 'scalars' ? '[data-metric-slot]' : 'canvas')
        .first()
        .waitFor();
      expect(await mainSpill(), `compare ${tab} scrolls sideways as a whole`).toBeLessThanOrEqual(0);
    }
    await page.goto(`${srv.url}/compare?ids=${two}`);
    const details = page.getByRole('table', { name: 'compare details' });
    await details.getByText('model config').waitFor();
    // Two tasks side by side fit without scrolling their table.
    expect(await details.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
  });
});
