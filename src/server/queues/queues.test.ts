import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Queue, Task } from '../../shared/entities';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

it('has a default queue from the first start', async () => {
  const d = await srv.client.call<{ id: string; name: string }>('queues.get_default');
  expect(d.name).toBe('default');
});

it('hands out tasks in order and refuses to delete a queue holding tasks', async () => {
  const { id: queue } = await srv.client.call<{ id: string }>('queues.create', { name: 'gpu' });
  const ids: string[] = [];
  for (const n of ['a', 'b']) {
    const { id } = await srv.client.call<{ id: string }>('tasks.create', { name: n, type: 'training' });
    await srv.client.call('tasks.enqueue', { task: id, queue });
    ids.push(id);
  }
  await expect(srv.client.call('queues.delete', { queue })).rejects.toThrow(/still holds 2 pending/);
  const next = await srv.client.call<{ entry: { task: string } }>('queues.get_next_task', { queue });
  expect(next.entry.task).toBe(ids[0]);
  await srv.client.call('tasks.started', { task: ids[0] });
  await srv.client.call('queues.delete', { queue, force: true });
  const b = (await srv.client.call<{ task: Task }>('tasks.get_by_id', { task: ids[1] })).task;
  expect(b.status).toBe('created');
  const empty = await srv.client.call('queues.get_next_task', { queue: (await srv.client.call<{ id: string }>('queues.get_default')).id });
  expect(empty).toEqual({});
  const list = await srv.client.call<{ queues: Queue[] }>('queues.get_all', {});
  expect(list.queues.map((q) => q.name)).toEqual(['default']);
});
