/** Issue: the Workers & Queues page with a real agent process executing a queued task. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { startAgent, waitFor, type AgentProcess } from '../src/agent/testing/processes';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';
import { VIEWPORT } from './support/chromium';

let srv: TestServer;
let app: AppSession;
let page: Page;
let dir: string;
let agent: AgentProcess | null = null;
const ids: Record<string, string> = {};

const get = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task;
const queues = async () => (await srv.client.call('queues.get_all_ex', {})).queues;
const order = async (name: string) => (await queues()).find((q) => q.name === name)?.entries.map((e) => e.task.name);
const entries = () => page.getByRole('region', { name: /tasks in queue/ }).locator('[data-entry]');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-queue-job-'));
  // A plain job in a local folder: prints for a few seconds, then ends.
  fs.writeFileSync(
    path.join(dir, 'job.mjs'),
    "let i = 0;\nconst t = setInterval(() => { console.log('step ' + i++); if (i > 12) { clearInterval(t); } }, 500);\n",
  );
  const { id: project } = await srv.client.call('projects.create', { name: 'Queued' });
  for (const name of ['first-in-line', 'second']) {
    ({ id: ids[name] } = await srv.client.call('tasks.create', {
      name,
      type: 'training',
      project,
      script: { working_dir: dir, entry_point: 'job.mjs', binary: 'node' },
    }));
    await srv.client.call('tasks.enqueue', { task: ids[name] });
  }
  await page.goto(`${srv.url}/workers-and-queues`);
});
test.afterAll(async () => {
  if (agent && agent.child.exitCode === null) {
    agent.child.kill('SIGTERM');
    await agent.exited;
  }
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('shows each queue with its pending tasks in order, and reorders them', async () => {
  const row = page.locator('[data-queue="default"]');
  await expect.poll(() => row.locator('[data-col=length]').innerText()).toBe('2');
  await expect
    .poll(() => entries().evaluateAll((els) => els.map((e) => e.getAttribute('data-entry'))))
    .toEqual(['first-in-line', 'second']);
  // The activity chart samples the queue: two tasks wait now.
  // The chart is drawn empty until its samples come.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            window.__taskdeckCharts?.get('queue activity default')?.getOption() as
              { series?: { data: [number, number][] }[] } | undefined
          )?.series?.[0]?.data.at(-1)?.[1],
      ),
    )
    .toBe(2);
  await screenshot(page, 'queues-pending');
  await page.getByRole('button', { name: 'move to top: second' }).click();
  await expect.poll(() => order('default')).toEqual(['second', 'first-in-line']);
  await expect
    .poll(() => entries().evaluateAll((els) => els.map((e) => e.getAttribute('data-entry'))))
    .toEqual(['second', 'first-in-line']);
  await page.getByRole('button', { name: 'move down: second' }).click();
  await expect.poll(() => order('default')).toEqual(['first-in-line', 'second']);
});

test('creates a queue, moves a task to it, removes it (back to Draft), and deletes the queue', async () => {
  await page.getByRole('button', { name: 'New queue' }).click();
  await page.getByLabel('Queue name').fill('gpu');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.locator('[data-queue="gpu"]').waitFor();
  await page.locator('[data-queue="default"]').click();
  await page
    .locator('[data-entry="second"]')
    .getByRole('combobox', { name: /Move to queue/ })
    .click();
  await page.getByRole('option', { name: 'gpu' }).click();
  await expect.poll(() => order('gpu')).toEqual(['second']);
  expect(await order('default')).toEqual(['first-in-line']);
  expect((await get(ids.second)).status).toBe('queued');
  await page.locator('[data-queue="gpu"]').click();
  await expect.poll(() => page.locator('[data-queue="gpu"] [data-col=length]').innerText()).toBe('1');
  await page.getByRole('button', { name: 'remove second from queue' }).click();
  await expect.poll(async () => (await get(ids.second)).status).toBe('created');
  // Nothing on the page may still ask for the deleted queue. Wait for a queue list the page asks for after the delete
  // (pushed at once by the live stream, or its polling fallback) and for every API call then in flight to settle:
  // a query that asked for the deleted queue has failed by then (unknown ids are not retried) and would show its alert.
  let deleted = false;
  let listsAskedSinceDelete = 0;
  const inFlight = new Set<object>();
  const isApi = (r: { url(): string }) => r.url().includes('/api/') && !r.url().includes('live.stream');
  const onRequest = (r: { url(): string }) => {
    if (!isApi(r)) return;
    inFlight.add(r);
    if (deleted && r.url().endsWith('/queues.get_all_ex')) listsAskedSinceDelete++;
  };
  const onDone = (r: { url(): string }) => {
    inFlight.delete(r);
    // Lists asked for from the moment the delete has been answered (the page refetches then, or the stream pushes).
    if (r.url().endsWith('/queues.delete')) deleted = true;
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  // A worker serving the queue: the dialog names it.
  const gpu = (await queues()).find((q) => q.name === 'gpu')!.id;
  await srv.client.call('workers.register', { worker: 'gpu-box:0', queues: [gpu] });
  await expect.poll(() => page.locator('[data-queue="gpu"] td').nth(1).innerText()).toBe('1');
  await page.getByRole('button', { name: 'delete queue gpu' }).click();
  await expect(page.getByRole('dialog').getByTestId('delete-queue-workers')).toHaveText(
    '1 worker serves it: gpu-box:0. It finds no more work in it; a task already running goes on.',
  );
  await screenshot(page, 'queues-delete-with-worker');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect.poll(async () => (await queues()).map((q) => q.name)).toEqual(['default']);
  await expect.poll(() => page.locator('[data-queue="gpu"]').count()).toBe(0);
  await srv.client.call('workers.unregister', { worker: 'gpu-box:0' });
  await waitFor(
    'the page to ask for its queue list after the delete and every API call to settle',
    async () => listsAskedSinceDelete >= 1 && inFlight.size === 0,
    60_000,
  );
  page.off('request', onRequest);
  page.off('requestfinished', onDone);
  page.off('requestfailed', onDone);
  expect(await page.getByRole('alert').filter({ hasText: 'Invalid queue id' }).count()).toBe(0);
});

test('clears a queue after asking: each of its pending tasks back to Draft', async () => {
  const { id: queue } = await srv.client.call('queues.create', { name: 'to clear' });
  const waiting: string[] = [];
  for (const name of ['waiting a', 'waiting b']) {
    const { id } = await srv.client.call('tasks.create', { name, type: 'training' });
    await srv.client.call('tasks.enqueue', { task: id, queue });
    waiting.push(id);
  }
  await page.locator('[data-queue="to clear"]').click();
  const pending = page.getByRole('region', { name: 'tasks in queue to clear' });
  await expect(pending.locator('li')).toHaveCount(2);
  await pending.getByRole('button', { name: 'Clear queue' }).click();
  const ask = page.getByRole('dialog', { name: 'Clear queue "to clear"?' });
  await expect(ask).toContainText('Its 2 pending tasks go back to Draft');
  await ask.getByRole('button', { name: 'Clear' }).click();
  for (const id of waiting) await expect.poll(async () => (await get(id)).status).toBe('created');
  await expect.poll(() => page.locator('[data-queue="to clear"] [data-col=length]').innerText()).toBe('0');
  await expect(pending.getByRole('button', { name: 'Clear queue' })).toHaveCount(0);
  await srv.client.call('queues.delete', { queue });
});

test('shows the worker with its current task while it runs, and the task Completed afterwards', async () => {
  await expect.poll(() => page.getByText('No worker is running').isVisible()).toBe(true);
  agent = startAgent(srv, ['--queue', 'default', '--worker-id', 'e2e-worker']);
  const worker = page.locator('[data-worker="e2e-worker"]');
  await worker.waitFor({ timeout: 20_000 });
  await expect.poll(() => worker.locator('[data-col=task]').innerText(), { timeout: 20_000 }).toBe('first-in-line');
  await expect.poll(() => page.locator('[data-queue="default"] [data-col=length]').innerText()).toBe('0');
  await screenshot(page, 'workers-and-queues');
  await waitFor('the task to complete', async () => (await get(ids['first-in-line'])).status === 'completed', 30_000);
  await expect.poll(() => worker.locator('[data-col=task]').innerText(), { timeout: 10_000 }).toBe('idle');
  // The worker's task link led to the task; now it shows Completed.
  await page.goto(`${srv.url}/projects/${(await get(ids['first-in-line'])).project}/tasks/${ids['first-in-line']}/console`);
  await expect.poll(() => page.locator('main header').innerText()).toContain('Completed');
  await expect.poll(() => page.locator('[role=log]').innerText()).toContain('step 12');

  // Its Info tab names the queue it ran from and the worker that ran it, each a way to that queue or worker.
  await page.getByRole('tab', { name: 'Info' }).click();
  const queueLink = page.getByRole('row', { name: /^Queue/ }).getByRole('link');
  await expect(queueLink).toHaveText('default');
  await queueLink.click();
  await expect.poll(() => new URL(page.url()).searchParams.get('queue')).toBe((await srv.client.call('queues.get_default')).id);
  await expect(page.locator('[data-queue="default"]')).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await page
    .getByRole('row', { name: /^Worker/ })
    .getByRole('link', { name: 'e2e-worker' })
    .click();
  await expect.poll(() => new URL(page.url()).searchParams.get('worker')).toBe('e2e-worker');
  await expect(page.locator('[data-worker="e2e-worker"]')).toHaveAttribute('aria-selected', 'true');
});

test("draws a worker's machine as its agent reported it, and another worker's when its name is picked", async () => {
  await srv.client.call('workers.status_report', {
    worker: 'gpu-box',
    timestamp: Date.now(),
    machine_stats: { cpu_usage: [20, 40], gpu_usage: [75], memory_used: 3072 },
  });
  // A worker on a task, for the activity chart.
  await srv.client.call('workers.status_report', {
    worker: 'busy-box',
    timestamp: Date.now(),
    task: ids['first-in-line'],
    machine_stats: { cpu_usage: [90] },
  });
  await page.goto(`${srv.url}/workers-and-queues?worker=gpu-box`);
  const lastValues = (label: string) =>
    page.evaluate((l) => {
      const o = window.__taskdeckCharts?.get(l)?.getOption() as { series?: { name: string; data: [number, number][] }[] };
      return Object.fromEntries((o?.series ?? []).map((s) => [s.name, s.data.at(-1)?.[1]]));
    }, label);
  // CPU: the mean of the two cores; memory: MB as GB.
  await expect
    .poll(() => lastValues('machine of gpu-box'), { timeout: 15_000 })
    .toEqual({
      'CPU usage': 30,
      'GPU usage': 75,
      'Memory used': 3,
    });
  const heading = page.getByRole('heading', { name: 'Machine of gpu-box, last hour' });
  await heading.scrollIntoViewIfNeeded();
  await expect(heading).toBeVisible();
  // Tall enough to hold the machine's chart: the page scrolls inside its frame, not as a whole.
  await page.setViewportSize({ width: 1440, height: 1200 });
  await screenshot(page, 'worker-machine');
  await page.setViewportSize(VIEWPORT);

  // The agent of the last test reports its own machine (memory and load): picking it from the keyboard draws it.
  await page.getByRole('button', { name: 'show the machine of e2e-worker' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('worker')).toBe('e2e-worker');
  await expect
    .poll(async () => Object.keys(await lastValues('machine of e2e-worker')).sort(), { timeout: 15_000 })
    .toEqual(['CPU usage', 'Memory used']);
  expect(await page.locator('[data-worker="e2e-worker"]').getAttribute('aria-selected')).toBe('true');

  // The day's activity counts the workers that reported their machine, and those on a task (busy-box).
  const peak = (name: string) =>
    page.evaluate(
      ({ l, n }) => {
        const o = window.__taskdeckCharts?.get(l)?.getOption() as { series?: { name: string; data: [number, number][] }[] };
        const s = o?.series?.find((x) => x.name === n);
        return s ? Math.max(...s.data.map((p) => p[1])) : null;
      },
      { l: 'worker activity', n: name },
    );
  await expect.poll(() => peak('On a task'), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  expect(await peak('Reporting')).toBeGreaterThanOrEqual(1);
});
