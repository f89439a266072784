/**
 * A data folder written by the release before the Kysely store (fixtures/v2, made by
 * scripts/make-store-fixture.ts) opens in place and reads back everything it held.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../../../client';
import { startServer, type RunningServer } from '../../app';
import { defaultConfig } from '../../config';
import { post } from '../../testing/accounts';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from '../../testing/server';
import { expectedOrder, NUMBER } from './param-order';

const FIXTURE = fileURLToPath(new URL('./fixtures/v2/taskdeck.sqlite', import.meta.url));
const BASELINE = '8cd1d6cfd5724c4c9bd014f8c137b36a';
const QUEUED = '3280fec934434d3fac7db77f7d319fc6';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-fixture-'));
let srv: RunningServer;
let client: ApiClient;
beforeAll(async () => {
  fs.copyFileSync(FIXTURE, path.join(dir, 'taskdeck.sqlite'));
  srv = await startServer(defaultConfig({ port: 0, host: '127.0.0.1', dataDir: dir, quiet: true, logLevel: 'silent' }));
  client = new ApiClient({ baseUrl: srv.url, accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY });
});
afterAll(async () => {
  await srv?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps users, their keys and passwords', async () => {
  expect(srv.firstAdmin).toBeUndefined();
  const { users } = await client.call('users.get_all', {});
  expect(users.map((u) => [u.login, u.role, u.name]).sort()).toEqual([
    ['admin', 'admin', 'Administrator'],
    ['viewer1', 'viewer', 'Vera Viewer'],
  ]);
  expect((await post(srv, 'auth.sign_in', { login: 'viewer1', password: 'fixture-password' })).status).toBe(200);
  expect((await post(srv, 'auth.sign_in', { login: 'viewer1', password: 'wrong-password' })).status).toBe(401);
  const { credentials } = await client.call('auth.get_credentials', {});
  expect(credentials.map((c) => c.label).sort()).toEqual(['first key pair', 'fixture key']);
});

it('keeps projects and tasks with their tags, hyperparameters and last metrics', async () => {
  const { projects } = await client.call('projects.get_all', {});
  expect(projects.map((p) => p.name).sort()).toEqual([
    'Demo',
    'Demo/Forecasting',
    'Demo/NLP',
    'Demo/NLP/Sentiment',
    'Demo/Vision',
    'Demo/Vision/ResNet',
  ]);
  const { tasks } = await client.call('tasks.get_all', {});
  expect(tasks).toHaveLength(13);
  const byStatus: Record<string, number> = {};
  for (const t of tasks) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
  expect(byStatus).toEqual({ completed: 6, created: 1, failed: 1, in_progress: 2, published: 1, queued: 1, stopped: 1 });
  const t = tasks.find((x) => x.id === BASELINE)!;
  expect(t.name).toBe('resnet50 baseline');
  expect(t.tags).toEqual(['baseline']);
  expect(t.hyperparams?.Args.lr.value).toBe('0.1');
  expect(t.last_iteration).toBe(299);
  const loss = Object.values(t.last_metrics ?? {})
    .flatMap((m) => Object.values(m))
    .find((v) => v.metric === 'loss' && v.variant === 'train');
  expect(loss).toMatchObject({ value: 0.04726359842473343, iter: 299, min_value: 0.04088805365852497, count: 300 });
  const tagged = await client.call('tasks.get_all', { tags: ['sweep'] });
  expect(tagged.tasks.length).toBeGreaterThan(0);
  expect(tagged.tasks.every((x) => x.tags?.includes('sweep'))).toBe(true);
});

it('reads every metric of every task and model back as the fixture stored it', async () => {
  // A copy of the fixture (opening a WAL database writes beside it), read as the older release left it.
  const copy = path.join(dir, 'untouched.sqlite');
  fs.copyFileSync(FIXTURE, copy);
  const raw = new Database(copy, { readonly: true });
  const docs = (table: string) =>
    (raw.prepare(`SELECT doc FROM ${table}`).all() as { doc: string }[]).map(
      (r) => JSON.parse(r.doc) as { id: string; last_metrics?: Record<string, unknown> },
    );
  const taskDocs = docs('tasks');
  const modelDocs = docs('models');
  raw.close();
  const withMetrics = taskDocs.filter((d) => Object.keys(d.last_metrics ?? {}).length);
  expect(withMetrics.length).toBeGreaterThan(5);
  const { tasks } = await client.call('tasks.get_all', { id: taskDocs.map((d) => d.id), only_fields: ['last_metrics'] });
  const read = new Map(tasks.map((t) => [t.id, t.last_metrics]));
  for (const d of taskDocs) expect(read.get(d.id), d.id).toEqual(d.last_metrics ?? {});
  const { models } = await client.call('models.get_all', { id: modelDocs.map((d) => d.id) });
  const readModels = new Map(models.map((m) => [m.id, m.last_metrics]));
  for (const d of modelDocs) expect(readModels.get(d.id), d.id).toEqual(d.last_metrics);
});

it('keeps scalars, console, plots and debug images', async () => {
  const h = await client.call('events.scalar_metrics_iter_histogram', { task: BASELINE });
  expect(h.loss.train.x).toHaveLength(300);
  expect(h.loss.train.y[299]).toBe(0.04726359842473343);
  const log = await client.call('events.get_task_log', {
    task: BASELINE,
    navigate_earlier: false,
  });
  expect(log.total).toBe(5);
  expect(log.events[0].msg).toContain('Taskdeck demo: resnet50 baseline');
  const plots = await client.call('events.get_task_plots', { task: BASELINE });
  expect(plots.plots.length).toBeGreaterThan(0);
  const images = await client.call('events.debug_images', {
    metrics: [{ task: BASELINE }],
    iters: 5,
  });
  expect(images.metrics[0].iterations).toHaveLength(3);
});

it('keeps models and queues with their entries', async () => {
  const { models } = await client.call('models.get_all', {});
  expect(models.map((m) => m.name).sort()).toEqual([
    'bert finetune weights',
    'resnet50 baseline weights',
    'resnet50 long run weights',
    'resnet50 lr sweep 0.01 weights',
    'resnet50 lr sweep 0.03 weights',
  ]);
  expect(models.find((m) => m.name === 'resnet50 baseline weights')?.task).toBe(BASELINE);
  const { queues } = await client.call('queues.get_all', {});
  expect(queues.map((q) => q.name).sort()).toEqual(['default', 'gpu']);
  expect(queues.find((q) => q.name === 'default')?.entries.map((e) => e.task)).toEqual([QUEUED]);
  const next = await client.call('queues.get_next_task', {
    queue: queues.find((q) => q.name === 'default')!.id,
  });
  expect(next.entry?.task).toBe(QUEUED);
});

it('sorts and filters the tasks it held by a hyperparameter (rows filled from the documents by the upgrade)', async () => {
  const { tasks } = await client.call('tasks.get_all', { only_fields: ['id', 'hyperparams'] });
  const values = tasks.map((t) => ({ id: t.id, value: t.hyperparams?.Args?.lr?.value }));
  expect(values.filter((v) => v.value !== undefined).length).toBeGreaterThan(1);
  const sorted = async (req: Record<string, unknown>) =>
    (await client.call('tasks.get_all', { only_fields: ['id'], ...req } as never)).tasks.map((t) => t.id);
  expect(await sorted({ order_by: ['hyperparams.Args.lr.value'] })).toEqual(expectedOrder(values));
  expect(await sorted({ order_by: ['-hyperparams.Args.lr.value'] })).toEqual(expectedOrder(values).reverse());
  const small = values.filter((v) => v.value !== undefined && NUMBER.test(v.value) && Number(v.value) <= 0.01);
  expect((await sorted({ 'hyperparams.Args.lr.value': ['<=0.01'] })).sort()).toEqual(small.map((v) => v.id).sort());
});
