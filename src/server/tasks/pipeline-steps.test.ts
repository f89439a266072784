/**
 * `include_pipeline_steps` (tasks.conf 2.30; task_operations.py): stop, archive, unarchive and delete of a pipeline
 * controller take its steps (child tasks) along, one call at a time and `_many`; without the flag, or for a task that
 * is not a controller, the children stay as they are.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

type Status = 'created' | 'queued' | 'in_progress' | 'completed';

async function task(name: string, type: string, status: Status, parent?: string) {
  const { id } = await srv.client.call('tasks.create', { name, type, ...(parent ? { parent } : {}) } as never);
  if (status === 'queued') await srv.client.call('tasks.enqueue', { task: id, queue_name: 'steps' });
  if (status === 'in_progress' || status === 'completed') await srv.client.call('tasks.started', { task: id });
  if (status === 'completed') await srv.client.call('tasks.completed', { task: id });
  return id;
}

/** A controller with a pending, a running and a completed step; and a training task's child, which is no step. */
async function run(label: string, type = 'controller') {
  const controller = await task(`${label} controller`, type, 'in_progress');
  return {
    controller,
    pending: await task(`${label} pending`, 'training', 'queued', controller),
    running: await task(`${label} running`, 'training', 'in_progress', controller),
    done: await task(`${label} done`, 'training', 'completed', controller),
  };
}

const get = async (id: string) => (await srv.client.call('tasks.get_all', { id: [id], search_hidden: true })).tasks[0];
const status = async (id: string) => (await get(id))?.status;
const isArchived = async (id: string) => (await get(id))?.system_tags.includes('archived');

it('stop aborts the pending and running steps with the controller, and leaves a finished step as it was', async () => {
  const one = await run('stop');
  await srv.client.call('tasks.stop', { task: one.controller, include_pipeline_steps: true });
  expect([await status(one.controller), await status(one.pending), await status(one.running), await status(one.done)]).toEqual([
    'stopped',
    'stopped',
    'stopped',
    'completed',
  ]);
  const { queues } = await srv.client.call('queues.get_all', { name: 'steps' });
  expect(queues[0].entries.map((e) => e.task)).not.toContain(one.pending);

  const many = await run('stop many');
  const r = await srv.client.call('tasks.stop_many', { ids: [many.controller], include_pipeline_steps: true });
  expect(r.succeeded.map((s) => s.id)).toEqual([many.controller]);
  expect([await status(many.pending), await status(many.running)]).toEqual(['stopped', 'stopped']);
});

it('a run started from this one (its child, a controller too) is no step of it', async () => {
  const first = await run('first run');
  const next = await task('next run', 'controller', 'queued', first.controller);
  await srv.client.call('tasks.stop', { task: first.controller, include_pipeline_steps: true });
  expect(await status(first.running)).toBe('stopped');
  expect(await status(next)).toBe('queued');
  await srv.client.call('tasks.delete', { task: first.controller, force: true, include_pipeline_steps: true });
  expect(await get(first.done)).toBeUndefined();
  expect((await get(next))?.status).toBe('queued');
});

it('without the flag, or for a task that is no controller, stop leaves the children running', async () => {
  const plain = await run('plain');
  await srv.client.call('tasks.stop', { task: plain.controller });
  expect([await status(plain.controller), await status(plain.pending), await status(plain.running)]).toEqual([
    'stopped',
    'queued',
    'in_progress',
  ]);
  const optimizer = await run('optimizer', 'optimizer');
  await srv.client.call('tasks.stop_many', { ids: [optimizer.controller], include_pipeline_steps: true });
  expect([await status(optimizer.pending), await status(optimizer.running)]).toEqual(['queued', 'in_progress']);
});

it('archive and unarchive, one and many, take the steps along', async () => {
  const one = await run('archive');
  const steps = [one.pending, one.running, one.done];
  await srv.client.call('tasks.archive', { tasks: [one.controller], include_pipeline_steps: true });
  for (const id of [one.controller, ...steps]) expect(await isArchived(id)).toBe(true);
  // Archiving stops what runs and dequeues what waits, steps included.
  expect([await status(one.pending), await status(one.running)]).toEqual(['created', 'stopped']);
  await srv.client.call('tasks.unarchive', { tasks: [one.controller], include_pipeline_steps: true });
  for (const id of [one.controller, ...steps]) expect(await isArchived(id)).toBe(false);

  await srv.client.call('tasks.archive_many', { ids: [one.controller], include_pipeline_steps: true });
  for (const id of [one.controller, ...steps]) expect(await isArchived(id)).toBe(true);
  await srv.client.call('tasks.unarchive_many', { ids: [one.controller], include_pipeline_steps: true });
  for (const id of [one.controller, ...steps]) expect(await isArchived(id)).toBe(false);

  const alone = await run('archive alone');
  await srv.client.call('tasks.archive_many', { ids: [alone.controller] });
  expect(await isArchived(alone.controller)).toBe(true);
  expect(await isArchived(alone.done)).toBe(false);
});

it('delete and delete_many remove the steps with the controller; without the flag the steps stay, orphaned', async () => {
  const one = await run('delete');
  await srv.client.call('tasks.delete', { task: one.controller, force: true, include_pipeline_steps: true });
  for (const id of Object.values(one)) expect(await get(id)).toBeUndefined();

  const many = await run('delete many');
  const grandchild = await task('a step of a step', 'training', 'created', many.done);
  const r = await srv.client.call('tasks.delete_many', { ids: [many.controller], force: true, include_pipeline_steps: true });
  expect(r.succeeded.map((s) => s.id)).toEqual([many.controller]);
  for (const id of Object.values(many)) expect(await get(id)).toBeUndefined();
  expect((await get(grandchild))?.parent).toBe(`__DELETED__${many.done}`);

  const kept = await run('delete alone');
  await srv.client.call('tasks.delete', { task: kept.controller, force: true });
  expect(await get(kept.controller)).toBeUndefined();
  expect((await get(kept.done))?.parent).toBe(`__DELETED__${kept.controller}`);
});
