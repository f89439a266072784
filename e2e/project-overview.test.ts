/**
 * A project's overview: its description written in Markdown, edited in place and drawn as elements. What a
 * description holds that could script the page or load something from elsewhere (raw HTML, a javascript: link, an
 * image) stays inert: HTML as text, the link without its target, the image as a link to it.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';
import { seriesOf, tooltipAt } from './support/charts';

let app: AppSession;
let srv: TestServer;
let page: Page;
let project: string;
const ran: string[] = [];
const requested: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  await page.exposeFunction('__ran', (what: string) => void ran.push(String(what)));
  page.on('request', (r) => {
    if (!r.url().startsWith(srv.url)) requested.push(r.url());
  });
  project = (await srv.client.call('projects.create', { name: 'vision/detector', description: '' })).id;
});
test.afterAll(() => app?.close());

const DESCRIPTION = [
  '# Goals',
  '',
  'Beat the **baseline** by 2 points; see [the plan](https://example.invalid/plan).',
  '',
  '- ResNet-50 first',
  '- then `lr` sweeps',
  '',
  "<img src=x onerror=\"__ran('img')\"><script>__ran('script')</script>",
  '',
  "[run me](<javascript:__ran('link')>) and ![a pixel](https://example.invalid/pixel.png)",
].join('\n');

test('is reached from the task table and says when there is no description', async () => {
  await page.goto(`${srv.url}/projects/${project}/tasks`);
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await expect(page).toHaveURL(`${srv.url}/projects/${project}/overview`);
  await expect(page.getByText('No description yet', { exact: false })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'breadcrumbs' })).toHaveText(/vision.*detector.*Overview/);
});

test('saves a Markdown description and draws it as elements, hostile parts inert', async () => {
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Project description (Markdown)').fill(DESCRIPTION);
  await page.getByRole('button', { name: 'Save' }).click();
  const shown = page.getByLabel('project description');
  await expect(shown.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
  await expect(shown.locator('strong')).toHaveText('baseline');
  await expect(shown.getByRole('listitem')).toHaveText(['ResNet-50 first', 'then lr sweeps']);
  const plan = shown.getByRole('link', { name: 'the plan' });
  await expect(plan).toHaveAttribute('href', 'https://example.invalid/plan');
  await expect(plan).toHaveAttribute('target', '_blank');
  await expect(plan).toHaveAttribute('rel', /noopener/);
  // Raw HTML is shown as the text it is.
  await expect(shown).toContainText(`<script>__ran('script')</script>`);
  expect(await shown.locator('img, script').count()).toBe(0);
  // The javascript: link keeps its words and loses its target; the image is a link to it, not loaded.
  expect(await shown.locator('a[href^="javascript"]').count()).toBe(0);
  expect(await shown.getByRole('link', { name: 'run me' }).count()).toBe(0);
  await expect(shown.getByRole('link', { name: 'a pixel' })).toHaveAttribute('href', 'https://example.invalid/pixel.png');
  await screenshot(page, 'project-overview');
  await page.getByText('run me').click();
  expect(ran).toEqual([]);
  expect(requested).toEqual([]);
  // Stored as written.
  expect((await srv.client.call('projects.get_by_id', { project })).project.description).toBe(DESCRIPTION);
});

test('keeps the description across a reload, and Cancel leaves it as it was', async () => {
  await page.reload();
  const shown = page.getByLabel('project description');
  await expect(shown.getByRole('heading', { name: 'Goals' })).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Project description (Markdown)').fill('thrown away');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(shown.getByRole('heading', { name: 'Goals' })).toBeVisible();
  expect((await srv.client.call('projects.get_by_id', { project })).project.description).toBe(DESCRIPTION);
  expect(ran).toEqual([]);
});

test("draws a metric across the project's tasks, by status, and a point opens its task", async () => {
  const sub = (await srv.client.call('projects.create', { name: 'vision/detector/ablation', description: '' })).id;
  const report = async (name: string, where: string, loss: number[], end: 'completed' | 'failed' | null, metric = 'loss') => {
    const { id } = await srv.client.call('tasks.create', { name, type: 'training', project: where });
    await srv.client.call('tasks.started', { task: id });
    await srv.client.call(
      'events.add_batch',
      loss.map((value, iter) => ({ type: 'training_stats_scalar', task: id, metric, variant: 'train', iter, value })),
    );
    if (end === 'completed') await srv.client.call('tasks.completed', { task: id });
    if (end === 'failed') await srv.client.call('tasks.failed', { task: id });
    return id;
  };
  const best = await report('<b>best</b> run', project, [0.9, 0.2, 0.3], 'completed');
  await report('broken run', sub, [0.8, 0.7], 'failed');
  const archived = await report('archived run', project, [0.5], 'completed');
  await srv.client.call('tasks.archive', { tasks: [archived] });
  await report('other metric only', project, [1], 'completed', 'accuracy');

  await page.goto(`${srv.url}/projects/${project}/overview`);
  const label = 'chart metric snapshot';
  await page.getByLabel('Metric', { exact: true }).click();
  await page.getByRole('option', { name: 'loss / train' }).click();
  // Completed and Failed (the archived task left out), one task each; the sub-project's task counted.
  await expect.poll(() => seriesOf(page, label, '[data-metric-snapshot]')).toEqual(['Completed', 'Failed']);
  const data = () =>
    page.evaluate((l) => {
      const o = window.__taskdeckCharts!.get(l)!.getOption() as { series: { data: unknown[][] }[] };
      return o.series.map((s) => s.data.map((d) => [d[1], d[3]]));
    }, label);
  await expect.poll(data).toEqual([[[0.3, '<b>best</b> run']], [[0.7, 'broken run']]]);
  await page.getByLabel('Value', { exact: true }).click();
  await page.getByRole('option', { name: 'Lowest' }).click();
  await expect.poll(data).toEqual([[[0.2, '<b>best</b> run']], [[0.7, 'broken run']]]);
  // The name is text in the tooltip, not markup.
  expect(await tooltipAt(page, label, '[data-metric-snapshot]', 0, 0)).toContain('<b>best</b> run');
  await screenshot(page, 'project-overview-snapshot');
  const at = await page.evaluate((l) => {
    const chart = window.__taskdeckCharts!.get(l)!;
    const o = chart.getOption() as { series: { data: number[][] }[] };
    return chart.convertToPixel({ seriesIndex: 0 }, [o.series[0].data[0][0], o.series[0].data[0][1]]) as number[];
  }, label);
  const box = (await page.getByRole('img', { name: label }).boundingBox())!;
  await page.mouse.click(box.x + at[0], box.y + at[1]);
  await expect(page).toHaveURL(new RegExp(`/projects/${project}/tasks/${best}/`));
  expect(ran).toEqual([]);
});

test('sets the default output destination the SDK uploads to, and clears it', async () => {
  await page.goto(`${srv.url}/projects/${project}/overview`);
  const box = page.locator('[data-output-destination]');
  await expect(box).toContainText('Not set');
  await box.getByRole('button', { name: 'Change' }).click();
  // A typo every run would fail to upload to is said, and not saved.
  await box.getByLabel('Default output destination').fill('team-bucket/models');
  await expect(box).toContainText('Not a storage address');
  await expect(box.getByRole('button', { name: 'Save' })).toBeDisabled();
  await box.getByLabel('Default output destination').fill('  s3://team-bucket/models  ');
  await box.getByRole('button', { name: 'Save' }).click();
  await expect(box.locator('[data-value]')).toHaveText('s3://team-bucket/models');
  const stored = async () => (await srv.client.call('projects.get_by_id', { project })).project.default_output_destination;
  expect(await stored()).toBe('s3://team-bucket/models');
  await page.reload();
  await expect(box.locator('[data-value]')).toHaveText('s3://team-bucket/models');

  await box.getByRole('button', { name: 'Change' }).click();
  await box.getByLabel('Default output destination').fill('');
  await box.getByRole('button', { name: 'Save' }).click();
  await expect(box).toContainText('Not set');
  expect(await stored()).toBe('');
});
