/** Issue 14: the Datasets page, from the recorded ClearML SDK session (two versions, files added and removed). */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { readTranscript, replay } from '../src/server/testing/replay';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';

let srv: TestServer;
let app: AppSession;
let page: Page;
let parentId: string;
let childId: string;

interface GraphOption {
  series: { data: { id: string; name: string }[]; links: { source: string; target: string }[] }[];
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  const basic = `Basic ${Buffer.from(`${TEST_ACCESS_KEY}:${TEST_SECRET_KEY}`).toString('base64')}`;
  const run = await replay(srv.url, srv.client.token!, basic, readTranscript('sdk-dataset-transcript.jsonl'));
  // The recording's ids of the first version (1.0.0) and of its child (1.0.1).
  parentId = run.ids.get('801cd8c2a1aa42a4baa7aab9cf78e99b')!;
  childId = run.ids.get('7d282e7e27d04930ade842066229503d')!;
  expect(parentId && childId).toBeTruthy();
});
test.afterAll(() => app?.close());

test.describe('datasets', () => {
  test('lists the datasets by project with the latest version', async () => {
    await page.goto(`${srv.url}/datasets`);
    const row = page.locator('[data-dataset="rec ds"]');
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain('taskdeck-rec/datasets');
    const cells = await row.locator('td').allInnerTexts();
    // Project, dataset, latest version (1.0.1: the newest with a version), versions (1.0.0, 1.0.1 and the versionless try).
    expect(cells[0]).toBe('taskdeck-rec/datasets');
    expect(cells[1]).toBe('rec ds');
    expect(cells[4]).toBe('3');
    expect(await page.locator('[data-dataset="rec ds noversion"]').count()).toBe(1);
    await screenshot(page, 'datasets-list');
  });

  test("draws the two versions as a lineage and shows the child version's files and changes", async () => {
    await page.locator('[data-dataset="rec ds"]').click();
    await page.waitForFunction(() => !!window.__taskdeckCharts?.get('dataset lineage'));
    const option = await page.evaluate(
      () => window.__taskdeckCharts!.get('dataset lineage')!.getOption() as unknown as GraphOption,
    );
    const nodes = new Map(option.series[0].data.map((d) => [d.id, d.name]));
    expect(nodes.get(parentId)).toBe('rec ds 1.0.0');
    expect(nodes.get(childId)).toBe('rec ds 1.0.1');
    expect(option.series[0].links).toEqual([{ source: parentId, target: childId }]);

    await page.getByRole('listitem').filter({ hasText: '1.0.1' }).click();
    await expect.poll(() => page.url()).toContain(`version=${childId}`);
    const files = page.getByRole('table', { name: 'dataset files' });
    await expect.poll(() => files.locator('tbody tr').count(), { timeout: 20_000 }).toBe(4);
    expect(await files.locator('[data-file="extra.txt"] td').allInnerTexts()).toEqual([
      'extra.txt',
      '6 B',
      'added or changed',
      expect.stringMatching(/^65110ea3b8b62b0c/),
    ]);
    expect(await files.locator('[data-file="file1.txt"] td').nth(2).innerText()).toBe('from a parent');
    expect(await files.locator('[data-file="file0.txt"]').count()).toBe(0);
    const summary = page.getByRole('region', { name: 'Version summary' });
    expect(await summary.locator('[data-summary="Added"] dd').innerText()).toBe('1');
    expect(await summary.locator('[data-summary="Removed"] dd').innerText()).toBe('1');
    expect(await summary.locator('[data-summary="Modified"] dd').innerText()).toBe('0');
    expect(await summary.locator('[data-summary="Files"] dd').innerText()).toBe('4');
    expect(await page.getByLabel('sdk line', { exact: true }).innerText()).toBe(`Dataset.get(dataset_id="${childId}")`);
    await screenshot(page, 'dataset-lineage');
  });

  test('a click on a lineage node shows that version', async () => {
    // A real mouse click where ECharts drew the node.
    const at = await page.evaluate((id) => {
      const chart = window.__taskdeckCharts!.get('dataset lineage')!;
      const opt = chart.getOption() as unknown as { series: { data: { id: string; value: [number, number] }[] }[] };
      const node = opt.series[0].data.find((d) => d.id === id)!;
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, node.value);
      const box = chart.getDom().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    }, parentId);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.url()).toContain(`version=${parentId}`);
    const files = page.getByRole('table', { name: 'dataset files' });
    await expect.poll(() => files.locator('[data-file="file0.txt"]').count(), { timeout: 20_000 }).toBe(1);
  });

  test('opens the version from the dataset page URL the SDK prints, with its console', async () => {
    const { task } = await srv.client.call('tasks.get_by_id', { task: childId });
    await page.goto(`${srv.url}/datasets/simple/${task.project}/experiments/${childId}`);
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain(`/datasets/${task.project}?version=${childId}`);
    const console = page.getByRole('region', { name: 'Console' }).getByRole('log');
    await expect.poll(() => console.innerText(), { timeout: 20_000 }).toContain('Removing files from dataset');
    expect(await console.innerText()).toContain('Finalizing dataset');
  });

  test('says so in place when the version in view is deleted meanwhile', async () => {
    // The last test: the child version goes.
    await srv.client.call('tasks.delete', { task: childId, force: true });
    await expect(page.getByRole('alert').filter({ hasText: 'This version no longer exists' })).toBeVisible({
      timeout: 20_000,
    });
    expect(await page.getByRole('region', { name: 'Console' }).count()).toBe(0);
  });
});
