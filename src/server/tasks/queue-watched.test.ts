/**
 * `verify_watched_queue` as clearml-server answers it (tasks.conf 2.22, tasks.py): asked, tasks.enqueue,
 * tasks.enqueue_many and pipelines.start_pipeline say whether a live worker serves the queue the task went to
 * (queue_bll.check_for_workers); not asked, they do not say (this server used to answer false every time, which
 * a client reads as "no agent listens").
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let served: string;
let idle: string;

beforeAll(async () => {
  srv = await startTestServer();
  served = (await srv.client.call('queues.create', { name: 'gpu' })).id;
  idle = (await srv.client.call('queues.create', { name: 'nobody' })).id;
  await srv.client.call('workers.register', { worker: 'box:gpu0', queues: [served] });
});
afterAll(() => srv?.stop());

const draft = async () => (await srv.client.call('tasks.create', { name: 'queued', type: 'training' })).id;

it('says whether a worker serves the queue, only when asked', async () => {
  const a = await srv.client.call('tasks.enqueue', { task: await draft(), queue: served, verify_watched_queue: true });
  expect(a.queue_watched).toBe(true);
  const b = await srv.client.call('tasks.enqueue', { task: await draft(), queue: idle, verify_watched_queue: true });
  expect(b.queue_watched).toBe(false);
  const c = await srv.client.call('tasks.enqueue', { task: await draft(), queue: served });
  expect(c).not.toHaveProperty('queue_watched');
});

it('says it for enqueue_many from the queue the tasks went to', async () => {
  const ids = [await draft(), await draft()];
  expect((await srv.client.call('tasks.enqueue_many', { ids, queue: served, verify_watched_queue: true })).queue_watched).toBe(
    true,
  );
  const more = [await draft()];
  expect(
    (await srv.client.call('tasks.enqueue_many', { ids: more, queue: idle, verify_watched_queue: true })).queue_watched,
  ).toBe(false);
  expect(await srv.client.call('tasks.enqueue_many', { ids: [await draft()], queue: idle })).not.toHaveProperty('queue_watched');
});

it('says it for a pipeline started in a queue', async () => {
  const controller = (await srv.client.call('tasks.create', { name: 'pipe', type: 'controller' })).id;
  const started = await srv.client.call('pipelines.start_pipeline', {
    task: controller,
    queue: served,
    verify_watched_queue: true,
  });
  expect(started).toMatchObject({ enqueued: true, queue_watched: true });
  expect(started).not.toHaveProperty('queue');
});
