/**
 * tasks.delete_many through the HTTP API: the ids a batch at a time, each refused id reported with ClearML's codes
 * (400/101 no such task, 400/110 a status that needs force) while the rest of its batch goes; what each deleted task
 * held (events, stored files, draft output models, queue entries, children's parent) goes or changes with it, and
 * nothing else does.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';
import { BATCH } from '../batches';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

const create = async (name: string, fields: Record<string, unknown> = {}) =>
  (await srv.client.call('tasks.create', { name, type: 'training', ...fields } as never)).id;
const exists = (task: string) =>
  srv.client.call('tasks.get_by_id', { task }).then(
    () => true,
    (e: { subcode?: number }) => (e.subcode === 101 ? false : Promise.reject(e)),
  );

it('deletes what it may, reports the rest with its reason, and takes what the deleted held with them', async () => {
  const draft = await create('draft');
  const child = await create('child', { parent: draft });
  const done = await create('done');
  await srv.client.call('tasks.started', { task: done });
  await srv.client.call('tasks.completed', { task: done });
  const archived = await create('archived done');
  await srv.client.call('tasks.started', { task: archived });
  await srv.client.call('tasks.completed', { task: archived });
  await srv.client.call('tasks.archive_many', { ids: [archived] });
  for (const task of [draft, done, archived]) {
    await srv.client.call('events.add_batch', [
      { type: 'training_stats_scalar', task, metric: 'loss', variant: 'train', iter: 1, value: 1 },
      { type: 'log', task, msg: `line of ${task}` },
    ]);
  }
  const file = await srv.client.upload(`p/t.${draft}/artifacts/a/a.txt`, new TextEncoder().encode('bytes'));
  await srv.client.call('tasks.add_or_update_artifacts', { task: draft, artifacts: [{ key: 'a', type: 'custom', uri: file }] });
  const model = (
    await srv.client.call('models.create', { name: 'draft output', uri: 'file:///nowhere/m.pt', task: draft, ready: false })
  ).id;
  await srv.client.call('tasks.add_or_update_model', { task: draft, name: 'out', model, type: 'output' } as never);
  const missing = 'f'.repeat(32);

  const r = await srv.client.call('tasks.delete_many', {
    ids: [draft, done, missing, archived, draft],
    return_file_urls: true,
  } as never);

  expect(r.succeeded.map((s) => s.id)).toEqual([draft, archived]);
  expect(r.succeeded[0]).toMatchObject({
    deleted: true,
    deleted_models: 1,
    deleted_files: 1,
    urls: { artifact_urls: [file, 'file:///nowhere/m.pt'] },
  });
  expect(r.succeeded[1]).toMatchObject({ deleted: true, deleted_models: 0, deleted_files: 0 });
  expect(r.failed.map((f) => [f.id, f.error.codes])).toEqual([
    [done, [400, 110]],
    [missing, [400, 101]],
    [draft, [400, 101]],
  ]);
  expect(await exists(draft)).toBe(false);
  expect(await exists(archived)).toBe(false);
  expect(await exists(done)).toBe(true);
  expect((await srv.client.call('tasks.get_by_id', { task: child })).task.parent).toBe(`__DELETED__${draft}`);
  await expect(srv.client.call('models.get_by_id', { model })).rejects.toMatchObject({ subcode: 201 });
  await expect(srv.client.download(file)).rejects.toMatchObject({ code: 404 });
  // Its events, read from the store (the API refuses a deleted task's id).
  expect(await srv.store.events.countLogs(draft)).toBe(0);
  expect(await srv.store.events.listSeries([draft])).toEqual([]);
  // The refused task keeps what it had.
  expect((await srv.client.call('events.get_task_log', { task: done })).total).toBe(1);
  expect(Object.keys(await srv.client.call('events.scalar_metrics_iter_histogram', { task: done }))).toEqual(['loss']);
});

it('deletes more tasks than a batch holds, queued ones (forced) out of their queue, and the counts follow', async () => {
  const project = (await srv.client.call('projects.create', { name: 'many to delete' })).id;
  const keep = await create('kept', { project });
  const ids: string[] = [];
  for (let i = 0; i < BATCH * 2 + 7; i++)
    ids.push(await create(`t${i}`, { project, hyperparams: { Args: { i: { section: 'Args', name: 'i', value: String(i) } } } }));
  const queue = (await srv.client.call('queues.create', { name: 'delete-many-q' })).id;
  for (const task of ids.slice(0, 3)) await srv.client.call('tasks.enqueue', { task, queue });

  const refused = await srv.client.call('tasks.delete_many', { ids: ids.slice(0, 3) });
  expect(refused.succeeded).toEqual([]);
  expect(refused.failed.map((f) => f.error.codes)).toEqual([
    [400, 110],
    [400, 110],
    [400, 110],
  ]);

  const r = await srv.client.call('tasks.delete_many', { ids, force: true });
  expect(r.succeeded.map((s) => s.id)).toEqual(ids);
  expect(r.failed).toEqual([]);
  expect((await srv.client.call('queues.get_by_id', { queue })).queue.entries).toEqual([]);
  const listed = await srv.client.call('tasks.get_all_ex', { project: [project], only_fields: ['id'] } as never);
  expect((listed.tasks as { id: string }[]).map((t) => t.id)).toEqual([keep]);
  const [stats] = (await srv.client.call('projects.get_all_ex', { id: [project], include_stats: true } as never)).projects as {
    stats: { active: { total_tasks: number } };
  }[];
  expect(stats.stats.active.total_tasks).toBe(1);
  const params = await srv.client.call('projects.get_hyperparam_values', {
    projects: [project],
    section: 'Args',
    name: 'i',
  } as never);
  expect(params).toMatchObject({ total: 0, values: [] });
});

it('keeps the output models when asked (delete_output_models: false), on delete, delete_many, reset and reset_many', async () => {
  /** A Draft task with a draft output model; the model's id. */
  const withModel = async (name: string) => {
    const task = await create(name);
    const model = (
      await srv.client.call('models.create', { name: `${name} model`, uri: 'file:///nowhere/k.pt', task, ready: false })
    ).id;
    await srv.client.call('tasks.add_or_update_model', { task, name: 'out', model, type: 'output' } as never);
    return { task, model };
  };
  const modelExists = (model: string) =>
    srv.client.call('models.get_by_id', { model }).then(
      () => true,
      (e: { subcode?: number }) => (e.subcode === 201 ? false : Promise.reject(e)),
    );
  const calls: [string, (task: string) => Promise<unknown>][] = [
    ['tasks.delete', (task) => srv.client.call('tasks.delete', { task, delete_output_models: false } as never)],
    ['tasks.delete_many', (task) => srv.client.call('tasks.delete_many', { ids: [task], delete_output_models: false } as never)],
    ['tasks.reset', (task) => srv.client.call('tasks.reset', { task, force: true, delete_output_models: false } as never)],
    [
      'tasks.reset_many',
      (task) => srv.client.call('tasks.reset_many', { ids: [task], force: true, delete_output_models: false } as never),
    ],
  ];
  for (const [name, call] of calls) {
    const kept = await withModel(`kept by ${name}`);
    const r = (await call(kept.task)) as { deleted_models?: number; succeeded?: { deleted_models: number }[] };
    expect(r.deleted_models ?? r.succeeded?.[0].deleted_models, name).toBe(0);
    expect(await modelExists(kept.model), name).toBe(true);
  }
  // Not asked: the draft output model goes with its task, as before.
  const gone = await withModel('model goes');
  await srv.client.call('tasks.reset_many', { ids: [gone.task], force: true });
  expect(await modelExists(gone.model)).toBe(false);
});
