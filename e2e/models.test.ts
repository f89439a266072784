/** Issue 14: the Models page and a model's page, on the demo data and on the recorded ClearML SDK model session. */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { readTranscript, replay } from '../src/server/testing/replay';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';

let srv: TestServer;
let app: AppSession;
let page: Page;
let sdkModel: string;

const getModel = async (id: string) => (await srv.client.call('models.get_by_id', { model: id })).model;
const rowCells = (id: string) => page.locator(`[data-model="${id}"] td`).allInnerTexts();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, page } = app);
  const basic = `Basic ${Buffer.from(`${TEST_ACCESS_KEY}:${TEST_SECRET_KEY}`).toString('base64')}`;
  const run = await replay(srv.url, srv.client.token!, basic, readTranscript('sdk-models-transcript.jsonl'));
  sdkModel = run.ids.get('7df19ba8723c403d9e5dd8a199c24e6a')!;
  expect(sdkModel).toBeTruthy();
});
test.afterAll(() => app?.close());

test.describe('models table', () => {
  test('shows the SDK model: framework, tags, published, the task that made it, and a metadata column', async () => {
    await page.goto(`${srv.url}/models`);
    await expect
      .poll(() => rowCells(sdkModel), { timeout: 20_000 })
      .toEqual(['', 'rec model', 'PyTorch', 'rec', 'Published', 'rec models', expect.any(String), expect.any(String)]);
    await page.getByLabel('Metadata columns').click();
    await page.getByRole('option', { name: 'accuracy' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`[data-model="${sdkModel}"] [data-meta="accuracy"]`).innerText()).toBe('0.93');
    // The task link is a real address (a new tab or a copied link opens the task).
    const { model } = await srv.client.call('models.get_by_id', { model: sdkModel });
    const href = await page.locator(`[data-model="${sdkModel}"]`).getByRole('link', { name: 'rec models' }).getAttribute('href');
    expect(href).toMatch(new RegExp(`^/projects/[^/]+/tasks/${model.task}/execution$`));
    await screenshot(page, 'models-table');
  });

  test('filters on the server (search, status) and sorts by a column', async () => {
    const { models } = await srv.client.call('models.get_all', { system_tags: ['__$not', 'archived'] });
    expect(models.length).toBeGreaterThan(2);
    await page.locator('th[data-column="name"]').click();
    const names = [...models.map((m) => m.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    await expect.poll(() => page.locator('tbody tr td:nth-child(2)').allInnerTexts()).toEqual(names);
    await expect.poll(() => page.url()).toContain('sort=name');

    await page.getByLabel('Search models').fill('rec mod');
    await expect.poll(() => page.locator('tbody tr td:nth-child(2)').allInnerTexts()).toEqual(['rec model']);
    await page.getByLabel('Search models').fill('');
    await page.getByLabel('Status').click();
    await page.getByRole('option', { name: 'Draft' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(models.filter((m) => !m.ready).length);
    expect(await page.locator(`[data-model="${sdkModel}"]`).count()).toBe(0);
  });

  test('Shift-click adds a column to the sort, as in the task table; so does Shift+Enter on a header', async () => {
    await page.goto(`${srv.url}/models`);
    // [name, status] of each row, in the order drawn.
    const rows = () =>
      page
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [tr.children[1]?.textContent ?? '', tr.children[4]?.textContent ?? '']));
    const params = () => new URL(page.url()).searchParams;
    const thenBy = () => JSON.parse(params().get('thenBy') ?? '[]') as unknown;
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    /** The rows grouped as the status sort drew them, each group's names in the order given. */
    const within = (drawn: string[][], dir: 1 | -1) => {
      const groups = [...new Set(drawn.map(([, st]) => st))];
      return [...drawn].sort(([an, as], [bn, bs]) => groups.indexOf(as) - groups.indexOf(bs) || dir * byName(an, bn));
    };

    await page.locator('th[data-column="ready"]').click();
    await expect.poll(() => params().get('sort')).toBe('ready');
    const { models } = await srv.client.call('models.get_all', { system_tags: ['__$not', 'archived'] });
    // Ascending by status: the drafts (not ready) first. Waited for whole: the rows of the earlier order stay drawn,
    // as many, until the sorted ones come (a read once the count matched met the old order).
    const statuses = models.map((m) => (m.ready ? 'Published' : 'Draft')).sort((a, b) => (a === b ? 0 : a === 'Draft' ? -1 : 1));
    await expect.poll(async () => (await rows()).map(([, st]) => st)).toEqual(statuses);
    const byStatus = await rows();
    const drafts = byStatus.filter(([, st]) => st === 'Draft').length;
    expect(drafts, 'two models share a status, so the second key orders something').toBeGreaterThan(1);

    await page.locator('th[data-column="name"]').click({ modifiers: ['Shift'] });
    await expect.poll(() => thenBy()).toEqual(['name']);
    await expect.poll(rows).toEqual(within(byStatus, 1));
    await screenshot(page, 'models-two-sort-keys');
    expect(await page.locator('th[data-column="ready"]').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('th[data-column="name"]').getAttribute('aria-description')).toBe('sort key 2 of 2, ascending');

    // One header takes Tab; the arrows reach the others.
    const tabStops = () =>
      page.locator('th[data-sort-field]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).tabIndex === 0).length);
    expect(await tabStops()).toBe(1);
    await page.locator('th[data-column="ready"]').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('th[data-column="framework"]')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('th[data-column="name"]')).toBeFocused();
    expect(await tabStops()).toBe(1);
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => thenBy()).toEqual(['-name']);
    await expect.poll(rows).toEqual(within(byStatus, -1));
    await page.reload();
    await expect.poll(rows).toEqual(within(byStatus, -1));

    // A plain Enter sorts by the column alone; no model page opens.
    await page.locator('th[data-column="name"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => params().get('sort')).toBe('name');
    expect(thenBy()).toEqual([]);
    await expect.poll(async () => (await rows()).map(([n]) => n)).toEqual(models.map((m) => m.name).sort(byName));
    expect(new URL(page.url()).pathname).toBe('/models');
  });
});

test.describe('model page', () => {
  test('draws the scalars the model reported itself (model events)', async () => {
    await page.goto(`${srv.url}/models/${sdkModel}/scalars`);
    await page.locator('[data-metric-slot="model_acc"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => !!window.__taskdeckCharts?.get('chart model_acc'), undefined, { timeout: 20_000 });
    const series = await page.evaluate(() => {
      const opt = window.__taskdeckCharts!.get('chart model_acc')!.getOption() as {
        series: { name: string; data: [number, number][] }[];
      };
      return opt.series.map((s) => ({ name: s.name, data: s.data }));
    });
    expect(series).toEqual([
      {
        name: 'val',
        data: [
          [0, 0.9],
          [1, 0.95],
        ],
      },
    ]);
    await screenshot(page, 'model-scalars');
  });

  test('edits the metadata: a new key is stored, a removed one is gone', async () => {
    await page.goto(`${srv.url}/models/${sdkModel}/metadata`);
    const table = page.getByRole('table', { name: 'metadata' });
    await expect
      .poll(() => table.locator('[data-meta="accuracy"] td').allInnerTexts(), { timeout: 20_000 })
      .toEqual(['accuracy', 'float', '0.93', '']);
    const form = page.getByRole('form', { name: 'add metadata' });
    await form.getByLabel('Key').fill('owner <b>');
    await form.getByLabel('Value').fill('alice');
    await form.getByRole('button', { name: 'Set' }).click();
    await expect
      .poll(async () => (await getModel(sdkModel)).metadata?.['owner <b>'])
      .toEqual({ key: 'owner <b>', type: 'str', value: 'alice' });
    await expect.poll(() => table.locator('[data-meta="owner <b>"] td').first().innerText()).toBe('owner <b>');
    await page.getByRole('button', { name: 'remove accuracy' }).click();
    await expect.poll(async () => Object.keys((await getModel(sdkModel)).metadata ?? {})).toEqual(['owner <b>']);
    await expect.poll(() => table.locator('[data-meta="accuracy"]').count()).toBe(0);
  });

  test("shows a demo model's labels and network design, links its task, and publishes and archives it", async () => {
    const { models } = await srv.client.call('models.get_all', { name: '^resnet50 baseline weights$' });
    const demo = models[0];
    await page.goto(`${srv.url}/models/${demo.id}/network`);
    const editor = page.getByRole('region', { name: 'Network design' }).locator('.view-lines');
    await expect
      .poll(async () => (await editor.innerText()).replace(/\u00a0/g, ' '), { timeout: 20_000 })
      .toContain('resnet50: layers=[3, 4, 6, 3]');
    await page.getByRole('tab', { name: 'labels' }).click();
    expect(await page.getByRole('table', { name: 'labels' }).locator('tbody tr').count()).toBe(Object.keys(demo.labels).length);
    await page.getByRole('tab', { name: 'lineage' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Created by' }).innerText()).toContain('resnet50 baseline');

    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(async () => (await getModel(demo.id)).ready).toBe(true);
    await expect.poll(() => page.locator('h1 ~ [data-ready]').getAttribute('data-ready')).toBe('true');
    await page.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(async () => (await getModel(demo.id)).system_tags).toContain('archived');
    await expect.poll(() => page.getByRole('button', { name: 'Restore' }).count()).toBe(1);
    await screenshot(page, 'model-page');
  });

  test('a model with 100,000 labels shows the first 500 and finds any other by name or id', async () => {
    const labels: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) labels[`token-${String(i).padStart(6, '0')}`] = i;
    const { id } = await srv.client.call('models.create', { name: 'big tokenizer', uri: 'file:///tmp/tok.bin', labels });
    await page.goto(`${srv.url}/models/${id}/labels`);
    const rows = page.getByRole('table', { name: 'labels' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(500);
    expect(await rows.first().innerText()).toMatch(/^token-000000\s+0$/);
    expect(await rows.last().innerText()).toMatch(/^token-000499\s+499$/);
    await expect(page.getByRole('status').filter({ hasText: 'The first 500 of 100,000 labels' })).toBeVisible();

    await page.getByLabel('Find a label (name or id)').fill('token-0777');
    await expect.poll(() => rows.allInnerTexts()).toHaveLength(100);
    expect((await rows.allInnerTexts())[99]).toMatch(/^token-077799\s+77799$/);
    await page.getByLabel('Find a label (name or id)').fill('99999');
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringMatching(/^token-099999\s+99999$/)]);
    await page.getByLabel('Find a label (name or id)').fill('no such');
    await expect(page.getByRole('status').filter({ hasText: 'No label holds “no such”' })).toBeVisible();
    expect(await rows.count()).toBe(0);
  });

  test('deletes a model after confirmation', async () => {
    const { models } = await srv.client.call('models.get_all', {
      name: '^resnet50 lr sweep 0\\.03 weights$',
    });
    await page.goto(`${srv.url}/models/${models[0].id}/general`);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    // Its task still lists it as its output model: the server refuses without force, the dialog says so and offers it.
    await expect.poll(() => dialog.innerText(), { timeout: 20_000 }).toContain('pass force to delete it');
    expect((await srv.client.call('models.get_all', { id: [models[0].id] })).models).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Delete anyway' }).click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/models$/);
    const after = await srv.client.call('models.get_all', { id: [models[0].id] });
    expect(after.models).toEqual([]);
  });

  test("a task's output model links to the model page", async () => {
    await page.goto(`${srv.url}/projects/*/tasks/${app.ids['resnet50 baseline']}/artifacts`);
    await page.getByRole('region', { name: 'Output model: weights' }).getByRole('link', { name: 'Model page' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 20_000 })
      .toBe('resnet50 baseline weights');
    expect(page.url()).toMatch(/\/models\/[0-9a-f]{32}\/general$/);
  });
});
