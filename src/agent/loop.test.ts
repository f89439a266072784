/**
 * The full loop with real processes: a script using the SDK runs on its own, its task is
 * cloned, edited and enqueued, and `taskdeck agent` runs the clone with the edited values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Task } from '../sdk';
import { startTestServer, TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from '../server/testing/server';
import { makeRepo, runScript, serverEnv, startAgent, waitFor } from './testing/processes';
import { TRAIN } from './testing/scripts';

let srv: TestServer;
let repo: { dir: string; head: string };
beforeAll(async () => {
  srv = await startTestServer();
  repo = makeRepo({ 'train.ts': TRAIN });
  // An uncommitted change the task must record and the agent must apply.
  const file = path.join(repo.dir, 'train.ts');
  fs.writeFileSync(
    file,
    fs.readFileSync(file, 'utf8').replace('await task.close();', "console.log('uncommitted line ran');\nawait task.close();"),
  );
});
afterAll(async () => {
  await srv?.stop();
  if (repo) fs.rmSync(repo.dir, { recursive: true, force: true });
});

const get = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task;
const log = async (id: string) =>
  (await srv.client.call('events.get_task_log', { task: id, order: 'asc', batch_size: 500 })).events.map((e) => e.msg).join('\n');
const scalars = (id: string) =>
  srv.client.call('events.scalar_metrics_iter_histogram', {
    task: id,
    key: 'iter',
  });
const connection = () => ({ baseUrl: srv.url, accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY });

let original: string;

it('records a script run locally: parameters, configuration, git state, console, scalars, plots, images and artifact', async () => {
  const run = await runScript(path.join(repo.dir, 'train.ts'), serverEnv(srv), ['--label', 'first']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain('training with lr=0.1 (number) epochs=3 optimizer=sgd label=first layers=64x32');
  const found = await Task.get({ project: 'SDK/Loop', name: 'train' }, connection());
  original = found.id;
  const t = await get(original);
  expect(t.status).toBe('completed');
  expect(t.tags).toEqual(['sdk']);
  expect(found.getParameters()).toMatchObject({
    'General/lr': '0.1',
    'General/epochs': '3',
    'General/optimizer/name': 'sgd',
    'Args/label': 'first',
    'Args/verbose': 'false',
  });
  expect(t.hyperparams.General.lr.type).toBe('float');
  expect(JSON.parse(t.configuration.model.value)).toEqual({ layers: [64, 32], dropout: 0.25 });
  expect(t.script).toMatchObject({
    repository: repo.dir,
    version_num: repo.head,
    branch: 'main',
    entry_point: 'train.ts',
    working_dir: '.',
    binary: 'node',
  });
  expect(t.script.diff).toContain("+console.log('uncommitted line ran');");
  expect(String((t.script.requirements as { npm?: string }).npm)).toBe('zod==4.6.7');
  expect(t.runtime).toMatchObject({ node_version: process.version });
  const console_ = await log(original);
  expect(console_).toContain('training with lr=0.1');
  expect(console_).toContain('uncommitted line ran');
  expect(console_).toContain('a line on stderr');
  const s = await scalars(original);
  expect(s.loss.train.y).toEqual([0.30000000000000004, 0.2, 0.1].map((v) => expect.closeTo(v, 6)));
  expect(s.Summary.accuracy.y).toEqual([0.9]);
  const plots = await srv.client.call('events.get_task_plots', {
    task: original,
    iters: 1,
  });
  expect(plots.plots.map((p) => p.metric).sort()).toEqual(['confusion', 'curve', 'results', 'weights']);
  const bars = JSON.parse(plots.plots.find((p) => p.metric === 'weights')!.plot_str!);
  expect(bars.data[0]).toMatchObject({ type: 'bar', x: ['-1', '0', '1'], y: [3, 9, 4] });
  const heat = JSON.parse(plots.plots.find((p) => p.metric === 'confusion')!.plot_str!);
  expect(heat.data[0]).toMatchObject({
    type: 'heatmap',
    z: [
      [5, 1],
      [2, 7],
    ],
  });
  expect(console_).toContain('a reported text line');
  const images = await srv.client.call('events.debug_images', {
    metrics: [{ task: original }],
    iters: 1,
  });
  const url = images.metrics[0].iterations[0].events[0].url;
  expect([...(await srv.client.download(url!))]).toEqual([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const art = found.artifacts.summary;
  expect(art.metadata).toEqual({ kind: 'metrics' });
  expect(await art.get()).toEqual({ lr: 0.1, epochs: 3 });
  expect(JSON.parse(fs.readFileSync(await art.getLocalCopy(), 'utf8'))).toEqual({ lr: 0.1, epochs: 3 });
});

it('runs an edited clone on an agent: the edited values take effect and the parent is the original', async () => {
  expect(original).toBeTruthy();
  const { id: clone } = await srv.client.call('tasks.clone', { task: original, new_task_name: 'train (lr 0.5)' });
  await srv.client.call('tasks.edit_hyper_params', {
    task: clone,
    hyperparams: [
      { section: 'General', name: 'lr', value: '0.5', type: 'float' },
      { section: 'Args', name: 'label', value: 'edited' },
    ],
  });
  await srv.client.call('tasks.edit_configuration', {
    task: clone,
    configuration: [{ name: 'model', value: '{"layers": [8, 4, 2], "dropout": 0.5}', type: 'dictionary' }],
  });
  await srv.client.call('tasks.enqueue', { task: clone });
  const agent = startAgent(srv, ['--queue', 'default', '--max-tasks', '1']);
  const code = await Promise.race([agent.exited, new Promise((r) => setTimeout(() => r('timeout'), 120_000).unref())]);
  expect(code, agent.output()).toBe(0);
  const t = await get(clone);
  expect(t.status, `${t.status_reason}\n${agent.output()}`).toBe('completed');
  // The script's close() leaves the status to the agent, which records how the process ended.
  expect(t.status_reason).toBe('worker execution done');
  expect(t.parent).toBe(original);
  const s = await scalars(clone);
  expect(s.hparams.lr.y).toEqual([0.5]);
  expect(s.loss.train.y).toEqual([1.5, 1, 0.5]);
  const console_ = await log(clone);
  expect(console_).toContain('training with lr=0.5 (number) epochs=3 optimizer=sgd label=edited layers=8x4x2');
  expect(console_).toContain('uncommitted line ran');
  expect(console_).toMatch(/pulled from queue .* by worker/);
  // The agent ships the console; the script must not send it a second time.
  expect(console_.split('training with lr=0.5').length - 1).toBe(1);
  const workers = await srv.client.call('workers.get_all', {});
  expect(workers.workers).toEqual([]);
  await waitFor(
    'the clone to be out of the queue',
    async () =>
      (
        await srv.client.call('queues.get_default').then(async (d) =>
          srv.client.call('queues.get_by_id', {
            queue: (d as unknown as { id: string }).id,
          }),
        )
      ).queue.entries.length === 0,
    30_000,
  );
}, 180_000);
