import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

const all = async (body: Record<string, unknown> = {}) => (await srv.client.call('projects.get_all_ex', body)).projects;

it("creates parents implicitly and finds a project by the SDK's anchored, escaped regex", async () => {
  const { id } = await srv.client.call('projects.create', { name: 'team-a/vision/resnet' });
  const names = (await all()).map((p) => p.name);
  expect(names).toEqual(['team-a', 'team-a/vision', 'team-a/vision/resnet']);
  const found = await srv.client.call('projects.get_all', {
    name: '^team\\-a/vision/resnet$',
    only_fields: ['id'],
    shallow_search: false,
    search_hidden: true,
  });
  expect(found.projects).toEqual([{ id }]);
  const none = await srv.client.call('projects.get_all', { name: '^team\\-a/vision$x' });
  expect(none.projects).toEqual([]);
  await expect(srv.client.call('projects.create', { name: 'team-a/vision' })).rejects.toThrow(/already exists/);
});

it('lists direct children with shallow_search, and counts tasks by status with sub-projects', async () => {
  const [top] = await all({ name: '^team\\-a$' });
  const children = await srv.client.call('projects.get_all', { parent: [top.id], shallow_search: true });
  expect(children.projects.map((p) => p.name)).toEqual(['team-a/vision']);
  const [leaf] = await all({ name: 'resnet$' });
  const t1 = (await srv.client.call('tasks.create', { name: 'r1', type: 'training', project: leaf.id })).id;
  await srv.client.call('tasks.create', { name: 'r2', type: 'testing', project: leaf.id });
  await srv.client.call('tasks.started', { task: t1 });
  const [withStats] = await all({ id: [top.id], include_stats: true });
  expect(withStats.stats!.active!.total_tasks).toBe(2);
  expect(withStats.stats!.active!.status_count.in_progress).toBe(1);
  expect(withStats.sub_projects!.map((p) => p.name)).toEqual(['team-a/vision', 'team-a/vision/resnet']);
});

it('renames a project and its sub-projects follow', async () => {
  const [vision] = await all({ name: '^team\\-a/vision$' });
  await srv.client.call('projects.update', { project: vision.id, name: 'team-a/images' });
  expect((await all()).map((p) => p.name)).toEqual(['team-a', 'team-a/images', 'team-a/images/resnet']);
});

it('refuses to delete a project with tasks unless forced, then deletes it with its sub-projects', async () => {
  const [top] = await all({ name: '^team\\-a$' });
  const [resnet] = await all({ name: '^team\\-a/images/resnet$' });
  const { id: other } = await srv.client.call('projects.create', { name: 'elsewhere' });
  const models = [];
  for (const project of [top.id, resnet.id, other]) {
    models.push((await srv.client.call('models.create', { name: 'weights', uri: 'file:///w.pt', project })).id);
  }
  await expect(srv.client.call('projects.delete', { project: top.id })).rejects.toThrow(
    /not empty: it holds 2 task\(s\) and 2 model\(s\) in it and its 2 sub-project\(s\)/,
  );
  expect(await all()).toHaveLength(4);
  for (const model of models) await srv.client.call('models.delete', { model });
  await srv.client.call('projects.delete', { project: other });
  const r = await srv.client.call('projects.delete', {
    project: top.id,
    force: true,
  });
  expect(r).toMatchObject({ deleted: 3, disassociated_tasks: 2 });
  expect(await all()).toEqual([]);
});

it('finds ancestors by an _any_ name pattern, as breadcrumbs ask', async () => {
  await srv.client.call('projects.create', { name: 'x/y/z' });
  const r = await srv.client.call('projects.get_all', {
    _any_: { pattern: '^x$|^x/y$', fields: ['name'] },
  });
  expect(r.projects.map((p) => p.name)).toEqual(['x', 'x/y']);
});

it('deletes a project with delete_contents: its tasks, their events, queue entries, models and stored files', async () => {
  const { id: project } = await srv.client.call('projects.create', { name: 'doomed/inner' });
  const { id: task } = await srv.client.call('tasks.create', { name: 'd1', type: 'training', project });
  const url = await srv.client.upload(`doomed/d1.${task}/artifacts/a/a.txt`, new TextEncoder().encode('bytes'));
  await srv.client.call('tasks.add_or_update_artifacts', { task, artifacts: [{ key: 'a', type: 'custom', uri: url }] });
  await srv.client.call('events.add_batch', [
    { type: 'training_stats_scalar', task, metric: 'm', variant: 'v', iter: 1, value: 1, timestamp: Date.now() },
  ]);
  const { id: model } = await srv.client.call('models.create', {
    name: 'm',
    uri: `${srv.url}/files/doomed/model.bin`,
    project,
    ready: true,
  });
  await srv.client.call('tasks.enqueue', { task });
  const [top] = await all({ name: '^doomed$' });
  const r = await srv.client.call('projects.delete', { project: top.id, force: true, delete_contents: true });
  expect(r).toMatchObject({ deleted: 2, deleted_tasks: 1, deleted_models: 1, deleted_files: 1 });
  await expect(srv.client.call('tasks.get_by_id', { task })).rejects.toThrow(/Invalid task id/);
  await expect(srv.client.call('models.get_by_id', { model })).rejects.toThrow(/Invalid model id/);
  await expect(srv.client.download(url)).rejects.toThrow(/404|not found/i);
  const queue = (await srv.client.call('queues.get_default')).id;
  expect((await srv.client.call('queues.get_by_id', { queue })).queue.entries).toEqual([]);
});

it('sums the compute time of a project and its sub-projects: start to end, to now while running', async () => {
  const { id: parent } = await srv.client.call('projects.create', { name: 'compute' });
  const { id: child } = await srv.client.call('projects.create', { name: 'compute/child' });
  const runs: [string, string | null, string | null, 'completed' | 'failed' | 'in_progress' | 'created'][] = [
    [parent, '2026-01-01T00:00:00.000+00:00', '2026-01-01T01:30:00.000+00:00', 'completed'],
    [child, '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:20.000+00:00', 'failed'],
    [child, null, null, 'created'],
  ];
  for (const [project, started, completed, status] of runs) {
    const { id } = await srv.client.call('tasks.create', { name: 'c', type: 'training', project });
    const t = (await srv.store.tasks.get(id))!;
    await srv.store.tasks.update({ ...t, started, completed, status });
  }
  const stats = async (name: string) =>
    (await all({ name, include_stats: true })).find((p) => p.name === name.slice(1, -1))!.stats!.active as unknown as {
      total_runtime: number;
    };
  expect((await stats('^compute/child$')).total_runtime).toBe(20);
  expect((await stats('^compute$')).total_runtime).toBe(5400 + 20);
  // A running task counts up to now.
  const { id: live } = await srv.client.call('tasks.create', { name: 'live', type: 'training', project: child });
  const t = (await srv.store.tasks.get(live))!;
  await srv.store.tasks.update({ ...t, status: 'in_progress', started: new Date(Date.now() - 600_000).toISOString() });
  const running = (await stats('^compute/child$')).total_runtime;
  expect(running).toBeGreaterThanOrEqual(20 + 600);
  expect(running).toBeLessThan(20 + 700);
});

it("counts a project's sub-projects only, whatever its siblings' names sort beside", async () => {
  // '.' sorts just before '/', '0' just after it, ' ' and 'b' elsewhere: none of these is under "pre".
  for (const name of ['pre', 'pre/b', 'pre/b/c', 'pre.x', 'pre0', 'pre b', 'preb'])
    await srv.client.call('projects.create', { name });
  const { projects } = await srv.client.call('projects.get_all_ex', { include_stats: true, name: '^pre' });
  const subs = Object.fromEntries(projects.map((p) => [p.name, p.sub_projects!.map((s) => s.name)]));
  expect(subs).toEqual({
    pre: ['pre/b', 'pre/b/c'],
    'pre/b': ['pre/b/c'],
    'pre/b/c': [],
    'pre.x': [],
    pre0: [],
    'pre b': [],
    preb: [],
  });
});
