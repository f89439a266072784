import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
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

it("answers ClearML's field filters (2.27): `any` terms joined by OR, `all` terms by AND, the parts by `op`", async () => {
  // alpha [best], beta [], gamma [best, old].
  const f = async (tags: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    names({ filters: { tags }, order_by: ['name'], ...extra });
  expect(await f({ any: { include: ['old', 'nowhere'] } })).toEqual(['gamma']);
  // Lacks at least one of the excluded.
  expect(await f({ any: { exclude: ['best', 'old'] } })).toEqual(['alpha', 'beta']);
  // Holds old, or lacks best.
  expect(await f({ any: { include: ['old'], exclude: ['best'] } })).toEqual(['beta', 'gamma']);
  expect(await f({ all: { include: ['best'], exclude: ['old'] } })).toEqual(['alpha']);
  // Holds none of the excluded.
  expect(await f({ all: { exclude: ['best', 'old'] } })).toEqual(['beta']);
  expect(await f({ all: { include: ['best', 'old'] } })).toEqual(['gamma']);
  expect(await f({ any: { include: ['old'] }, all: { include: ['best'] } })).toEqual(['gamma']);
  expect(await f({ any: { include: ['old'] }, all: { exclude: ['best'] }, op: 'or' })).toEqual(['beta', 'gamma']);
  expect(await f({ any: {}, all: {} })).toEqual(['alpha', 'beta', 'gamma']);
  // Beside the plain list, both hold.
  expect(await f({ any: { include: ['best'] } }, { tags: ['-old'] })).toEqual(['alpha']);
  const counted = await srv.client.call('tasks.get_all_ex', {
    filters: { tags: { all: { exclude: ['old'] } } },
    count_total: true,
  });
  expect(counted.total).toBe(2);
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

it('filters by ranges of hyper-parameter and metric values, as range lists', async () => {
  const acc = `last_metrics.${createHash('md5').update('acc').digest('hex')}.${createHash('md5').update('val').digest('hex')}`;
  const sorted = (body: Record<string, unknown>) =>
    names({ project: [project], name: '^(alpha|beta|gamma)$', order_by: ['name'], ...body });
  // lr: alpha 0.3, beta 0.1, gamma 10 (text values, compared as numbers); acc/val: twice lr.
  expect(await sorted({ 'hyperparams.Args.lr.value': ['>=0.2', '<=5'] })).toEqual(['alpha']);
  expect(await sorted({ 'hyperparams.Args.lr.value': ['>0.3'] })).toEqual(['gamma']);
  expect(await sorted({ [`${acc}.value`]: ['>0.2'] })).toEqual(['alpha', 'gamma']);
  expect(await sorted({ [`${acc}.max_value`]: ['<=0.6'] })).toEqual(['alpha', 'beta']);
  expect(await sorted({ [`${acc}.min_value`]: ['>=1', '<=100'] })).toEqual(['gamma']);
  const { total } = await srv.client.call('tasks.get_all_ex', {
    project: [project],
    name: '^(alpha|beta|gamma)$',
    [`${acc}.value`]: ['<0.5'],
    count_total: true,
  });
  expect(total).toBe(1);
});

it("filters by a hyper-parameter's values, as ClearML's list field: one of them, or (null) none at all", async () => {
  const sorted = (body: Record<string, unknown>) =>
    names({ project: [project], name: '^(alpha|beta|gamma)$', order_by: ['name'], ...body });
  // lr: alpha 0.3, beta 0.1, gamma 10, compared as the text stored; none holds Args/nowhere.
  expect(await sorted({ 'hyperparams.Args.lr.value': ['0.1', 10] })).toEqual(['beta', 'gamma']);
  expect(await sorted({ 'hyperparams.Args.lr.value': '0.3' })).toEqual(['alpha']);
  expect(await sorted({ 'hyperparams.Args.lr.value': ['0.30'] })).toEqual([]);
  expect(await sorted({ 'hyperparams.Args.lr.value': [null, 0.3] })).toEqual(['alpha']);
  expect(await sorted({ 'hyperparams.Args.nowhere.value': [null] })).toEqual(['alpha', 'beta', 'gamma']);
  const { total } = await srv.client.call('tasks.get_all_ex', {
    project: [project],
    name: '^(alpha|beta|gamma)$',
    'hyperparams.Args.lr.value': ['0.1', '0.3'],
    count_total: true,
  });
  expect(total).toBe(2);
  await expect(names({ 'hyperparams.Args.lr.value': [{ $gt: 1 }] })).rejects.toMatchObject({ code: 400 });
});

it('filters by date and iteration ranges; a bad bound is refused naming the field', async () => {
  const sorted = (body: Record<string, unknown>) =>
    names({ project: [project], name: '^(alpha|beta|gamma)$', order_by: ['name'], ...body });
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  expect(await sorted({ last_update: [`>=${hourAgo}`] })).toEqual(['alpha', 'beta', 'gamma']);
  expect(await sorted({ last_update: ['<=2000-01-01T00:00:00Z'] })).toEqual([]);
  expect(await sorted({ started: [`>=${hourAgo}`] })).toEqual([]);
  const [beta] = (await srv.client.call('tasks.get_all', { project: [project], name: '^beta$' })).tasks;
  await srv.client.call('tasks.started', { task: beta.id, force: true });
  expect(await sorted({ started: [`>=${hourAgo}`, `<=${new Date(Date.now() + 60_000).toISOString()}`] })).toEqual(['beta']);
  expect(await sorted({ last_iteration: ['>=1', '<=1'] })).toEqual(['alpha', 'beta', 'gamma']);
  expect(await sorted({ last_iteration: ['>1'] })).toEqual([]);
  await expect(names({ started: ['>=yesterday'] })).rejects.toThrow(/"started": "yesterday" is not a date/);
  await expect(names({ last_iteration: ['>=ten'] })).rejects.toThrow(/"last_iteration": "ten" is not a number/);
  // A parameter given bounds takes numbers (given values, it is a list: see the test above).
  await expect(names({ 'hyperparams.Args.lr.value': ['>=ten'] })).rejects.toThrow(
    /"hyperparams.Args.lr.value": "ten" is not a number/,
  );
});

it('sorts by run time (active_duration: to completion, or to now while running) and by project name', async () => {
  const other = (await srv.client.call('projects.create', { name: 'a first project' })).id;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  // [name, project, started, completed, status]: runs of 30, 5 and 60 minutes, one still running for 20, one never started.
  const rows: [string, string, string | null, string | null, 'completed' | 'in_progress' | 'created'][] = [
    ['rt 30 min', project, at(100), at(70), 'completed'],
    ['rt 5 min', other, at(10), at(5), 'completed'],
    ['rt 60 min', other, at(300), at(240), 'completed'],
    ['rt running 20 min', project, at(20), null, 'in_progress'],
    ['rt never', other, null, null, 'created'],
  ];
  for (const [name, p, started, completed, status] of rows) {
    const { id } = await srv.client.call('tasks.create', { name, type: 'training', project: p });
    const t = (await srv.store.tasks.get(id))!;
    await srv.store.tasks.update({ ...t, started, completed, status });
  }
  const rt = { name: '^rt ' };
  expect(await names({ ...rt, order_by: ['-active_duration'] })).toEqual([
    'rt 60 min',
    'rt 30 min',
    'rt running 20 min',
    'rt 5 min',
    'rt never',
  ]);
  expect(await names({ ...rt, order_by: ['active_duration'], page: 0, page_size: 2 })).toEqual(['rt never', 'rt 5 min']);
  // By the project's name ("a first project" before "q/sub"), then by run time within each.
  expect(await names({ ...rt, order_by: ['project.name', '-active_duration'] })).toEqual([
    'rt 60 min',
    'rt 5 min',
    'rt never',
    'rt 30 min',
    'rt running 20 min',
  ]);
  expect((await names({ ...rt, order_by: ['-project.name', 'name'] })).slice(0, 2)).toEqual(['rt 30 min', 'rt running 20 min']);
});

it('refuses more sort keys than the limit with a 400 naming order_by, and sorts by as many as the limit', async () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `hyperparams.Args.p${i}.value`);
  // Each parameter key joins its rows once more: hundreds of them kept a PostgreSQL backend planning for minutes.
  await expect(srv.client.call('tasks.get_all_ex', { order_by: keys(11), only_fields: ['id'] })).rejects.toMatchObject({
    code: 400,
    detail: expect.stringContaining('order_by'),
  });
  expect(await names({ name: '^(alpha|beta|gamma)$', order_by: [...keys(9), '-hyperparams.Args.lr.value'] })).toEqual([
    'gamma',
    'alpha',
    'beta',
  ]);
});
