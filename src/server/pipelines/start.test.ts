/**
 * pipelines.start_pipeline as clearml-server runs it (pipelines.conf 2.17, pipelines.py): the controller task is
 * cloned with the given Args set, named after its pipeline project with " #n", and put in the queue. A refusal
 * (unknown task or queue) leaves no clone behind.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let controller: string;
let queue: string;

beforeAll(async () => {
  srv = await startTestServer();
  queue = (await srv.client.call('queues.create', { name: 'services' })).id;
  const project = (
    await srv.client.call('projects.create', { name: 'vision/.pipelines/train flow', system_tags: ['hidden', 'pipeline'] })
  ).id;
  controller = (
    await srv.client.call('tasks.create', {
      name: 'train flow',
      type: 'controller',
      project,
      system_tags: ['pipeline'],
      hyperparams: {
        Args: {
          epochs: { section: 'Args', name: 'epochs', value: '5', type: 'int', description: 'passes over the data' },
          lr: { section: 'Args', name: 'lr', value: '0.1' },
        },
      },
    })
  ).id;
});
afterAll(() => srv?.stop());

const taskCount = async () => (await srv.client.call('tasks.get_all', { search_hidden: true, only_fields: ['id'] })).tasks.length;

it('clones the controller with the new Args, names the run, and queues it', async () => {
  const started = await srv.client.call('pipelines.start_pipeline', {
    task: controller,
    queue,
    args: [
      { name: 'epochs', value: 10 },
      { name: 'note', value: 'from the dashboard' },
    ],
  });
  expect(started.enqueued).toBe(true);
  const { task } = await srv.client.call('tasks.get_by_id', { task: started.pipeline });
  expect(task).toMatchObject({
    name: 'train flow #2',
    type: 'controller',
    status: 'queued',
    parent: controller,
    execution: { queue },
  });
  expect(task.system_tags).toContain('pipeline');
  expect(task.hyperparams.Args).toEqual({
    epochs: { section: 'Args', name: 'epochs', value: '10', type: 'int', description: 'passes over the data' },
    lr: { section: 'Args', name: 'lr', value: '0.1' },
    note: { section: 'Args', name: 'note', value: 'from the dashboard' },
  });
  const { queue: q } = await srv.client.call('queues.get_by_id', { queue });
  expect(q.entries.map((e) => e.task)).toEqual([started.pipeline]);
  // The source is as it was.
  expect((await srv.client.call('tasks.get_by_id', { task: controller })).task.hyperparams.Args.epochs.value).toBe('5');
});

it('numbers the next run after the runs named so, and keeps the Args when none are given', async () => {
  const { pipeline } = await srv.client.call('pipelines.start_pipeline', { task: controller, queue });
  const { task } = await srv.client.call('tasks.get_by_id', { task: pipeline });
  expect(task.name).toBe('train flow #3');
  expect(task.hyperparams.Args.epochs.value).toBe('5');
});

it('refuses an unknown task or queue and leaves no clone', async () => {
  const before = await taskCount();
  await expect(srv.client.call('pipelines.start_pipeline', { task: 'f'.repeat(32), queue })).rejects.toMatchObject({
    subcode: 101,
  });
  await expect(srv.client.call('pipelines.start_pipeline', { task: controller, queue: 'f'.repeat(32) })).rejects.toMatchObject({
    code: 400,
  });
  expect(await taskCount()).toBe(before);
});

it('refuses Args that would take the run over the hyperparameter cap, leaving no clone', async () => {
  const small = await startTestServer({ maxHyperparams: 3 });
  try {
    const { id } = await small.client.call('tasks.create', { name: 'pipe', type: 'controller' });
    const args = Array.from({ length: 4 }, (_, i) => ({ name: `a${i}`, value: String(i) }));
    await expect(small.client.call('pipelines.start_pipeline', { task: id, args })).rejects.toThrow(/max-hyperparams/);
    expect((await small.client.call('tasks.get_all', { only_fields: ['id'] })).tasks).toHaveLength(1);
  } finally {
    await small.stop();
  }
});
