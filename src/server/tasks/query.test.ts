import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TaskType } from '../../shared/task-state';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let project: string;
beforeAll(async () => {
  srv = await startTestServer();
  project = (await srv.client.call('projects.create', { name: 'q/sub' })).id;
  const rows: [string, TaskType, string[], number][] = [
    ['alpha', 'training', ['best'], 0.3],
    ['beta', 'testing', [], 0.1],
    ['gamma', 'training', ['best', 'old'], 10],
  ];
  for (const [name, type, tags, lr] of rows) {
    const { id } = await srv.client.call('tasks.create', {
      name,
      type,
      tags,
      project,
      comment: `comment of ${name}`,
      hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: String(lr), type: 'float' } } },
    });
    await srv.client.call('events.add_batch', [
      { type: 'training_stats_scalar', task: id, metric: 'acc', variant: 'val', iter: 1, value: lr * 2 },
    ]);
  }
});
afterAll(() => srv?.stop());

const names = async (body: Record<string, unknown>) => (await srv.client.call('tasks.get_all_ex', body)).tasks.map((t) => t.name);

it('filters by type, tags (including exclusion), text and name regex', async () => {
  expect(await names({ type: ['training'], order_by: ['name'] })).toEqual(['alpha', 'gamma']);
  expect(await names({ tags: ['best', '-old'] })).toEqual(['alpha']);
  expect(await names({ filters: { tags: { all: { include: ['best', 'old'] } } } })).toEqual(['gamma']);
  expect(await names({ search_text: 'COMMENT OF BE' })).toEqual(['beta']);
  expect(await names({ name: '^(al|ga)', order_by: ['-name'] })).toEqual(['gamma', 'alpha']);
});

it('sorts by a hyper-parameter and by a metric, pages, and counts', async () => {
  // "10" sorts after "0.3" as a number would, not as text.
  expect(await names({ order_by: ['hyperparams.Args.lr.value'] })).toEqual(['beta', 'alpha', 'gamma']);
  const t = (await srv.client.call('tasks.get_all_ex', { name: '^alpha$', only_fields: ['last_metrics'] })).tasks[0];
  const [mh] = Object.keys(t.last_metrics);
  const [vh] = Object.keys(t.last_metrics[mh]);
  expect(await names({ order_by: [`-last_metrics.${mh}.${vh}.value`] })).toEqual(['gamma', 'alpha', 'beta']);
  const page = await srv.client.call('tasks.get_all_ex', {
    order_by: ['name'],
    page: 1,
    page_size: 2,
    count_total: true,
  });
  expect(page.tasks.map((x) => x.name)).toEqual(['gamma']);
  expect(page.total).toBe(3);
});

it('projects only the fields asked for, and joins project.name', async () => {
  const r = await srv.client.call('tasks.get_all_ex', {
    name: '^beta$',
    only_fields: ['name', 'project.name', 'hyperparams.Args.lr.value'],
  });
  expect(r.tasks[0]).toEqual({
    id: expect.any(String),
    name: 'beta',
    project: { id: project, name: 'q/sub' },
    hyperparams: { Args: { lr: { value: '0.1' } } },
  });
});

it('includes sub-project tasks on request', async () => {
  const [top] = (await srv.client.call('projects.get_all', { name: '^q$' })).projects;
  expect(await names({ project: [top.id] })).toEqual([]);
  expect(await names({ project: [top.id], include_subprojects: true })).toHaveLength(3);
});

it('keeps the parent object of a dotted only_fields path whose leaf is missing (Dataset.create lists runtime.version)', async () => {
  const { id: bare } = await srv.client.call('tasks.create', {
    name: 'ds-bare',
    type: 'data_processing',
    project,
  });
  const { id: versioned } = await srv.client.call('tasks.create', {
    name: 'ds-versioned',
    type: 'data_processing',
    project,
  });
  await srv.client.call('tasks.edit', { task: versioned, runtime: { version: '1.0.0', orig_dataset_name: 'x' } });
  const { tasks } = await srv.client.call('tasks.get_all', {
    id: [bare, versioned],
    only_fields: ['id', 'name', 'runtime.version', 'script.nothing.deeper'],
    order_by: ['name'],
  });
  expect(tasks).toEqual([
    { id: bare, name: 'ds-bare', runtime: {}, script: {} },
    { id: versioned, name: 'ds-versioned', runtime: { version: '1.0.0' }, script: {} },
  ]);
  const full = (await srv.client.call('tasks.get_by_id', { task: bare })).task;
  expect(full.runtime).toEqual({});
});
