/** Issue 15: unknown ids and routes say what was not found and offer a way back; the bugs of item 10. */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

let srv: TestServer;
let ids: Record<string, string>;
let app: AppSession;
let page: Page;

const UNKNOWN = 'f'.repeat(32);
const notFound = () => page.getByRole('alert', { name: 'not found' });
const path = () => new URL(page.url()).pathname;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, ids, page } = app);
});
test.afterAll(() => app?.close());

/** Clicks the not-found page's button and waits for the address it leads to. */
async function goBack(label: string, to: string) {
  await notFound().getByRole('link', { name: label }).click();
  await expect.poll(path, { message: `"${label}" leads to ${to}` }).toBe(to);
  await expect.poll(() => notFound().count()).toBe(0);
}

test.describe('not-found states', () => {
  test('an unknown project id: a message, no "New task", and a way back to the projects', async () => {
    await page.goto(`${srv.url}/projects/${UNKNOWN}/tasks`);
    await expect.poll(() => notFound().innerText(), { timeout: 15_000 }).toContain('Project not found');
    expect(await notFound().innerText()).toContain(UNKNOWN);
    expect(await page.getByRole('button', { name: 'New task' }).count()).toBe(0);
    expect(await page.getByRole('grid').count()).toBe(0);
    await goBack('All projects', '/projects');
    // Its overview says the same, without a description to edit.
    await page.goto(`${srv.url}/projects/${UNKNOWN}/overview`);
    await expect.poll(() => notFound().innerText(), { timeout: 15_000 }).toContain('Project not found');
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await goBack('All projects', '/projects');
  });

  test('an unknown task id, on its page and in the side panel', async () => {
    await page.goto(`${srv.url}/projects/*/tasks/${UNKNOWN}/execution`);
    await expect.poll(() => notFound().innerText(), { timeout: 15_000 }).toContain('Task not found');
    expect(await notFound().innerText()).toContain(UNKNOWN);
    await goBack('All tasks', '/projects/*/tasks');

    await page.goto(`${srv.url}/projects/*/tasks?task=${UNKNOWN}`);
    const panel = page.getByRole('region', { name: 'task panel' });
    await expect.poll(() => panel.getByRole('alert', { name: 'not found' }).innerText()).toContain('Task not found');
    await panel.getByRole('alert', { name: 'not found' }).getByRole('link', { name: 'Close' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('task')).toBe(null);
    await expect.poll(() => panel.count()).toBe(0);
  });

  test('an unknown model id', async () => {
    await page.goto(`${srv.url}/models/${UNKNOWN}/general`);
    await expect.poll(() => notFound().innerText(), { timeout: 15_000 }).toContain('Model not found');
    expect(await notFound().innerText()).toContain(UNKNOWN);
    await goBack('All models', '/models');
  });

  test('compare names the ids that match no task, and drops them on request', async () => {
    await page.goto(`${srv.url}/compare?ids=deadbeef`);
    const warning = page.getByRole('alert', { name: 'tasks not found' });
    await expect.poll(() => warning.innerText(), { timeout: 15_000 }).toContain('No task has the id deadbeef');

    const a = ids['resnet50 baseline'];
    const b = ids['resnet50 adam'];
    await page.goto(`${srv.url}/compare?ids=${a},deadbeef,${b}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Compare 2 tasks');
    await expect.poll(() => warning.innerText()).toContain('deadbeef');
    await warning.getByRole('button', { name: 'Remove from comparison' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ids')).toBe(`${a},${b}`);
    await expect.poll(() => warning.count()).toBe(0);
  });

  test('a project deleted by someone else while it or one of its tasks is in view: not found, said once', async () => {
    const inFlight = new Set<object>();
    const isApi = (r: { url(): string }) => r.url().includes('/api/') && !r.url().includes('live.stream');
    const add = (r: { url(): string }) => void (isApi(r) && inFlight.add(r));
    const done = (r: object) => void inFlight.delete(r);
    page.on('request', add);
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    const notices = page.getByRole('alert').filter({ hasText: /Invalid (task|project) id/ });
    try {
      for (const view of ['task', 'table'] as const) {
        const { id: project } = await srv.client.call('projects.create', { name: `deleted while in view (${view})` });
        const { id: task } = await srv.client.call('tasks.create', { name: `seen ${view}`, type: 'training', project });
        await page.goto(`${srv.url}/projects/${project}/tasks${view === 'task' ? `/${task}/execution` : ''}`);
        await page.getByText(`seen ${view}`).first().waitFor();
        // No reload: the live update brings the delete to the page.
        await srv.client.call('projects.delete', { project, force: true, delete_contents: true });
        const said = view === 'task' ? 'Task not found' : 'Project not found';
        await expect.poll(() => notFound().innerText(), { timeout: 15_000 }).toContain(said);
        await expect.poll(() => inFlight.size, { message: 'every API call then in flight to settle' }).toBe(0);
        expect(await notices.count()).toBe(0);
      }
    } finally {
      page.off('request', add);
      page.off('requestfinished', done);
      page.off('requestfailed', done);
    }
  });

  test('an unknown route', async () => {
    await page.goto(`${srv.url}/no/such/page`);
    await expect.poll(() => notFound().innerText(), { timeout: 15_000 }).toContain('Page not found');
    await goBack('All projects', '/projects');
  });
});

test.describe('item 10 bugs', () => {
  test('a 10-class confusion matrix labels every class on both axes', async () => {
    const classes = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
    const task = ids['resnet50 baseline'];
    const z = classes.map((_, r) => classes.map((_, c) => (r === c ? 50 : c)));
    await srv.client.call('events.add_batch', [
      {
        type: 'plot',
        task,
        metric: 'confusion10',
        variant: 'test',
        iter: 0,
        timestamp: Date.now(),
        plot_str: JSON.stringify({ data: [{ type: 'heatmap', x: classes, y: classes, z }], layout: { title: 'confusion10' } }),
      },
    ]);
    await page.goto(`${srv.url}/projects/*/tasks/${task}/plots`);
    const label = 'plot confusion10 / test';
    await page.locator('[data-plot="confusion10 / test"]').first().scrollIntoViewIfNeeded({ timeout: 20_000 });
    await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), label, { timeout: 20_000 });
    // The labels ECharts lays out for drawing, after its own thinning of crowded labels.
    const drawn = await page.evaluate((l) => {
      type Axis = { axis: { getViewLabels(): { formattedLabel: string }[] } };
      const chart = window.__taskdeckCharts!.get(l)! as unknown as {
        getModel(): { getComponent(kind: string, i: number): Axis };
      };
      const labels = (kind: string) =>
        chart
          .getModel()
          .getComponent(kind, 0)
          .axis.getViewLabels()
          .map((x) => x.formattedLabel);
      return { x: labels('xAxis'), y: labels('yAxis') };
    }, label);
    expect(drawn.x).toEqual(classes);
    expect(drawn.y).toEqual(classes);
  });

  test("Info's 'Created by' shows the user's name, as the header does", async () => {
    const id = ids['resnet50 baseline'];
    const { task } = await srv.client.call('tasks.get_by_id', { task: id });
    const { users } = await srv.client.call('users.get_all', {});
    const name = users.find((u) => u.id === task.user)?.name;
    expect(name, 'the demo task has a known user').toBeTruthy();
    expect(name).not.toBe(task.user);
    await page.goto(`${srv.url}/projects/*/tasks/${id}/info`);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Created by' }) });
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain(name!);
    expect(await row.innerText()).not.toContain(task.user);
  });

  test('the running count in the project tree does not cover the folder icon', async () => {
    await page.goto(`${srv.url}/projects`);
    const tree = page.getByRole('navigation', { name: 'projects' });
    const item = tree
      .locator('[data-project]')
      .filter({ has: page.getByLabel(/^\d+ running$/) })
      .first();
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    const count = item.getByLabel(/^\d+ running$/);
    const icon = item.locator('.MuiListItemIcon-root svg');
    const [a, b] = [await count.boundingBox(), await icon.boundingBox()];
    expect(a && b, 'both are drawn').toBeTruthy();
    const overlapX = Math.min(a!.x + a!.width, b!.x + b!.width) - Math.max(a!.x, b!.x);
    const overlapY = Math.min(a!.y + a!.height, b!.y + b!.height) - Math.max(a!.y, b!.y);
    expect(overlapX <= 0 || overlapY <= 0, `count ${JSON.stringify(a)} and icon ${JSON.stringify(b)} overlap`).toBe(true);
  });
});
