/** Issue 14: the Pipelines page, from the recorded ClearML SDK pipeline run (two function steps), stopped mid-run. */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { readTranscript, replay } from '../src/server/testing/replay';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';

let srv: TestServer;
let app: AppSession;
let page: Page;
let controller: string;
let stepOne: string;
let stepTwo: string;

interface GraphOption {
  series: { data: { id: string; name: string }[]; links: { source: string; target: string }[] }[];
}

const graph = () => page.evaluate(() => window.__taskdeckCharts!.get('pipeline steps')!.getOption() as unknown as GraphOption);
const nodeNames = async () => (await graph()).series[0].data.map((d) => d.name);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  const basic = `Basic ${Buffer.from(`${TEST_ACCESS_KEY}:${TEST_SECRET_KEY}`).toString('base64')}`;
  // Up to just before step_two ends (seq 170): step_one completed, step_two and the controller running.
  const records = readTranscript('sdk-pipeline-transcript.jsonl').filter((r) => r.seq < 170);
  const run = await replay(srv.url, srv.client.token!, basic, records);
  controller = run.ids.get('1e9cf10e5f9c4f4ab4cd69e0c377838e')!;
  stepOne = run.ids.get('a8bd241e769e4799a98d51b32edc15a8')!;
  stepTwo = run.ids.get('f502ac649d384c90a6c29288246eb8a4')!;
  expect(controller && stepOne && stepTwo).toBeTruthy();
});
test.afterAll(() => app?.close());

test.describe('pipelines', () => {
  test('lists the run with its project, version and status', async () => {
    await page.goto(`${srv.url}/pipelines`);
    const row = page.locator(`[data-run="${controller}"]`);
    await expect
      .poll(() => row.locator('td').allInnerTexts(), { timeout: 20_000 })
      .toEqual([
        'rec pipeline',
        'taskdeck-rec/pipelines',
        '1.0.0',
        'Running',
        expect.any(String),
        expect.any(String),
        expect.any(String),
      ]);
    await screenshot(page, 'pipelines-list');
  });

  test("draws the two-step graph with each step's status, and follows a step ending", async () => {
    await page.locator(`[data-run="${controller}"]`).click();
    await page.waitForFunction(() => !!window.__taskdeckCharts?.get('pipeline steps'), undefined, { timeout: 20_000 });
    expect(await nodeNames()).toEqual(['step_one · Completed', 'step_two · Running']);
    expect((await graph()).series[0].links).toEqual([{ source: 'step_one', target: 'step_two' }]);
    const statusOf = (step: string) => page.locator(`[data-step="${step}"] td[data-status]`).innerText();
    expect(await statusOf('step_one')).toBe('Completed');
    expect(await statusOf('step_two')).toBe('Running');
    await screenshot(page, 'pipeline-running');

    // What the step process sends when its function returns (seq 170); the page refetches on its own.
    await srv.client.call('tasks.completed', { task: stepTwo, status_reason: 'completed', publish: false });
    await expect.poll(nodeNames, { timeout: 20_000 }).toEqual(['step_one · Completed', 'step_two · Completed']);
    expect(await statusOf('step_two')).toBe('Completed');
    await screenshot(page, 'pipeline-completed');
  });

  test('a click on a step node opens its task', async () => {
    const at = await page.evaluate(() => {
      const chart = window.__taskdeckCharts!.get('pipeline steps')!;
      const opt = chart.getOption() as unknown as { series: { data: { id: string; value: [number, number] }[] }[] };
      const node = opt.series[0].data.find((d) => d.id === 'step_one')!;
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, node.value);
      const box = chart.getDom().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    });
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain(`/tasks/${stepOne}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 20_000 }).toBe('step_one');
  });

  test('starts a new run with an edited parameter in the default queue, and opens it', async () => {
    // A parameter as PipelineController.add_parameter keeps it (the recorded pipeline has none).
    await srv.client.call('tasks.edit_hyper_params', {
      task: controller,
      hyperparams: [{ section: 'Args', name: 'epochs', value: '5' }],
      force: true,
    });
    const { task: source } = await srv.client.call('tasks.get_by_id', { task: controller });
    const { project } = await srv.client.call('projects.get_by_id', { project: source.project! });
    await page.goto(`${srv.url}/pipelines/${controller}`);
    await page.getByRole('button', { name: 'New run' }).click();
    const dialog = page.getByRole('dialog', { name: 'New run of rec pipeline' });
    await expect(dialog.getByLabel('epochs')).toHaveValue('5');
    await dialog.getByLabel('epochs').fill('12');
    await expect(dialog.getByRole('combobox', { name: 'Queue' })).toContainText('default');
    await screenshot(page, 'pipeline-new-run');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.url()).not.toContain(controller);
    const runId = new URL(page.url()).pathname.split('/').pop()!;
    const { task } = await srv.client.call('tasks.get_by_id', { task: runId });
    // Named as clearml-server names it: the pipeline project's basename, numbered after the source run.
    expect(task).toMatchObject({ name: `${project.basename} #2`, status: 'queued', parent: controller, type: 'controller' });
    expect(task.hyperparams.Args.epochs.value).toBe('12');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(`${project.basename} #2`);
  });
  test('aborts a run: the controller and its pending step, after asking; a run started from it goes on', async () => {
    // step_two waits again in a queue; the run started above (a child of this controller) waits too.
    await srv.client.call('tasks.reset', { task: stepTwo, force: true });
    await srv.client.call('tasks.enqueue', { task: stepTwo, queue_name: 'steps' });
    const { tasks: children } = await srv.client.call('tasks.get_all', { parent: controller, type: ['controller'] });
    expect(children).toHaveLength(1);
    await page.goto(`${srv.url}/pipelines/${controller}`);
    const statusOf = (step: string) => page.locator(`[data-step="${step}"] td[data-status]`).innerText();
    await expect.poll(() => statusOf('step_two')).toBe('Pending');
    await page.getByRole('button', { name: 'Abort run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Abort rec pipeline?' });
    await expect(dialog).toContainText('The controller and its pending or running step are aborted');
    await dialog.getByRole('button', { name: 'Abort run' }).click();
    await expect(dialog).toHaveCount(0);
    const status = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task.status;
    expect([await status(controller), await status(stepTwo), await status(stepOne), await status(children[0].id)]).toEqual([
      'stopped',
      'stopped',
      'completed',
      'queued',
    ]);
    await expect.poll(() => statusOf('step_two')).toBe('Aborted');
    // Nothing of this run runs any more: nothing to abort.
    await expect(page.getByRole('button', { name: 'Abort run' })).toHaveCount(0);
  });
});
