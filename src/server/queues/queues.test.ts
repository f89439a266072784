import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

it('has a default queue from the first start', async () => {
  const d = await srv.client.call('queues.get_default');
  expect(d.name).toBe('default');
});

it('hands out tasks in order and refuses to delete a queue holding tasks', async () => {
  const { id: queue } = await srv.client.call('queues.create', { name: 'gpu' });
  const ids: string[] = [];
  for (const n of ['a', 'b']) {
    const { id } = await srv.client.call('tasks.create', { name: n, type: 'training' });
    await srv.client.call('tasks.enqueue', { task: id, queue });
    ids.push(id);
  }
  await expect(srv.client.call('queues.delete', { queue })).rejects.toThrow(/still holds 2 pending/);
  const next = await srv.client.call('queues.get_next_task', { queue });
  expect(next.entry!.task).toBe(ids[0]);
  await srv.client.call('tasks.started', { task: ids[0] });
  await srv.client.call('queues.delete', { queue, force: true });
  const b = (await srv.client.call('tasks.get_by_id', { task: ids[1] })).task;
  expect(b.status).toBe('created');
  const empty = await srv.client.call('queues.get_next_task', {
    queue: (await srv.client.call('queues.get_default')).id,
  });
  expect(empty).toEqual({});
  const list = await srv.client.call('queues.get_all', {});
  expect(list.queues.map((q) => q.name)).toEqual(['default']);
});

async function queueWith(name: string, n: number) {
  const { id: queue } = await srv.client.call('queues.create', { name });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await srv.client.call('tasks.create', { name: `${name}-${i}`, type: 'training' });
    await srv.client.call('tasks.enqueue', { task: id, queue });
    ids.push(id);
  }
  const order = async () => (await srv.client.call('queues.get_by_id', { queue })).queue.entries.map((e) => ids.indexOf(e.task));
  return { queue, ids, order };
}

it('reorders entries, and refuses unknown tasks without changing the order', async () => {
  const { queue, ids, order } = await queueWith('reorder', 4);
  expect(await srv.client.call('queues.move_task_to_front', { queue, task: ids[2] })).toEqual({ position: 0 });
  expect(await order()).toEqual([2, 0, 1, 3]);
  await srv.client.call('queues.move_task_backward', { queue, task: ids[2], count: 2 });
  expect(await order()).toEqual([0, 1, 2, 3]);
  await srv.client.call('queues.move_task_forward', { queue, task: ids[3] });
  expect(await order()).toEqual([0, 1, 3, 2]);
  expect(await srv.client.call('queues.move_task_to_back', { queue, task: ids[0] })).toEqual({ position: 3 });
  expect(await order()).toEqual([1, 3, 2, 0]);
  // Moving past either end clamps.
  expect(await srv.client.call('queues.move_task_forward', { queue, task: ids[3], count: 10 })).toEqual({ position: 0 });
  const { id: stray } = await srv.client.call('tasks.create', { name: 'stray', type: 'training' });
  await expect(srv.client.call('queues.move_task_to_front', { queue, task: stray })).rejects.toThrow(/not in queue "reorder"/);
  await expect(srv.client.call('queues.add_task', { queue, task: ids[1] })).rejects.toThrow(/already in queue/);
  expect(await order()).toEqual([3, 1, 2, 0]);
});

it('moves a task to another queue with remove_task + add_task, and remove_task can revert the status', async () => {
  const { queue, ids } = await queueWith('from', 2);
  const { id: other } = await srv.client.call('queues.create', { name: 'to' });
  await srv.client.call('queues.remove_task', { queue, task: ids[0] });
  await srv.client.call('queues.add_task', { queue: other, task: ids[0] });
  const moved = (await srv.client.call('tasks.get_by_id', { task: ids[0] })).task;
  expect(moved.status).toBe('queued');
  expect(moved.execution.queue).toBe(other);
  await srv.client.call('queues.remove_task', { queue, task: ids[1], update_task_status: true });
  expect((await srv.client.call('tasks.get_by_id', { task: ids[1] })).task.status).toBe('created');
  const ex = await srv.client.call('queues.get_all_ex', {
    name: '^(from|to)$',
    only_fields: ['*', 'entries.task.name'],
  });
  expect(ex.queues.map((q) => [q.name, q.entries.map((e) => e.task.name)])).toEqual([
    ['from', []],
    ['to', ['from-0']],
  ]);
});

it('clears a queue, reverting its tasks to Draft, and reports length and waiting time', async () => {
  const { queue, ids } = await queueWith('metrics', 3);
  const now = Math.floor(Date.now() / 1000);
  const m = await srv.client.call('queues.get_queue_metrics', {
    from_date: now - 60,
    to_date: now + 5,
    interval: 10,
    queue_ids: [queue],
  });
  expect(m.queues[0].queue).toBe(queue);
  expect(m.queues[0].queue_lengths.at(-1)).toBe(3);
  expect(m.queues[0].avg_waiting_times.at(-1)).toBeGreaterThanOrEqual(0);
  const cleared = await srv.client.call('queues.clear_queue', { queue });
  expect(cleared.removed_tasks).toEqual(ids);
  const tasks = await srv.client.call('tasks.get_all', { id: ids, only_fields: ['status'] });
  expect(tasks.tasks.map((t) => t.status)).toEqual(['created', 'created', 'created']);
  await expect(
    srv.client.call('queues.get_queue_metrics', { from_date: now, to_date: now + 5, interval: 10, queue_ids: ['0'.repeat(32)] }),
  ).rejects.toThrow(/Invalid queue id/);
});

it('refuses a metrics interval or date range beyond any real one with a 400 naming the field, and records no sample', async () => {
  const { queue } = await queueWith('metrics-bounds', 1);
  const now = Math.floor(Date.now() / 1000);
  const ask = (over: Record<string, number>) =>
    srv.client.call('queues.get_queue_metrics', { from_date: now - 60, to_date: now, interval: 10, queue_ids: [queue], ...over });
  const samples = async () => (await ask({ from_date: 0, to_date: now + 5, interval: 86_400 })).queues[0].queue_lengths.length;
  const before = await samples();
  for (const [over, field] of [
    [{ interval: 1e308 }, 'interval'],
    [{ interval: 400 * 86_400 }, 'interval'],
    [{ from_date: -1e308 }, 'from_date'],
    [{ to_date: 1e308 }, 'to_date'],
    [{ from_date: Number.MAX_SAFE_INTEGER }, 'from_date'],
  ] as const) {
    await expect(ask(over), JSON.stringify(over)).rejects.toMatchObject({
      code: 400,
      detail: expect.stringContaining(field),
    });
  }
  // One day of samples is kept, so a day's bucket holds all of them: the refusals added none.
  expect(await samples()).toBe(before);
  // The largest interval allowed still answers.
  expect((await ask({ interval: 366 * 86_400 })).queues[0].queue).toBe(queue);
});

it("answers metrics with the queue's state now, without storing a sample per request (a viewer's calls write nothing)", async () => {
  const { userClient } = await import('../testing/accounts');
  const { queue } = await queueWith('metrics-read-only', 2);
  const viewer = (await userClient(srv, 'metrics-viewer', 'viewer')).client;
  // Every stored sample of the queue, each in a bucket of its own (1 ms).
  const stored = async () => (await srv.store.queueSamples.buckets([queue], 0, Date.now() + 60_000, 1)).length;
  const before = await stored();
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < 20; i++) {
    const m = await viewer.call('queues.get_queue_metrics', {
      from_date: now - 60,
      to_date: now + 60,
      interval: 1,
      queue_ids: [queue],
    });
    expect(m.queues[0].queue_lengths.at(-1)).toBe(2);
    expect(m.queues[0].dates.at(-1)).toBeGreaterThanOrEqual(now);
  }
  expect(await stored()).toBe(before);
});
