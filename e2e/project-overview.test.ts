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
