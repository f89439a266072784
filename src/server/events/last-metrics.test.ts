/**
 * last_metrics kept in rows of their own (issue 12): folded by targeted statements as batches
 * arrive, read back in ClearML's shape, resent batches counted once.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LastMetricsEvent, Task } from '../../shared/api/records';
import { startTestServer, type TestServer } from '../testing/server';
import { lossPoint, T0 } from '../testing/scalar-event';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

const hex = (s: string) => createHash('md5').update(s).digest('hex');

async function newTask(name: string): Promise<string> {
  const { id } = (await srv.client.call('tasks.create', { name, type: 'training' })) as { id: string };
  await srv.client.call('tasks.started', { task: id });
  return id;
}

async function task(id: string): Promise<Task> {
  return ((await srv.client.call('tasks.get_by_id', { task: id })) as { task: Task }).task;
}

async function metricOf(id: string, metric: string, variant: string): Promise<LastMetricsEvent | undefined> {
  return (await task(id)).last_metrics[hex(metric)]?.[hex(variant)];
}

const scalar = lossPoint;

it('counts a batch resent three times once, and keeps its last, min and max', async () => {
  const id = await newTask('resent three times');
  // Values chosen so that last (iter 4), min (iter 2) and max (iter 3) are three different points.
  const batch = [
    scalar(id, 'train', 1, 0.5),
    scalar(id, 'train', 2, 0.1),
    scalar(id, 'train', 3, 0.9),
    scalar(id, 'train', 4, 0.3),
  ];
  const expected = {
    metric: 'loss',
    variant: 'train',
    value: 0.3,
    iter: 4,
    timestamp: T0 + 4,
    min_value: 0.1,
    min_value_iteration: 2,
    max_value: 0.9,
    max_value_iteration: 3,
    first_value: 0.5,
    first_value_iteration: 1,
    count: 4,
    // (0.5 + 0.1 + 0.9 + 0.3) / 4: sums of binary fractions, exact enough for toEqual after the resends too.
    mean_value: 0.45,
  };
  await srv.client.call('events.add_batch', batch);
  expect(await metricOf(id, 'loss', 'train')).toEqual(expected);
  await srv.client.call('events.add_batch', batch);
  await srv.client.call('events.add_batch', batch);
  expect(await metricOf(id, 'loss', 'train')).toEqual(expected);
  expect((await task(id)).last_iteration).toBe(4);
});

it('folds later batches into the stored row: new points counted, an earlier iteration does not replace the last', async () => {
  const id = await newTask('folded');
  await srv.client.call('events.add_batch', [scalar(id, 'val', 10, 2), scalar(id, 'val', 11, 3)]);
  // An older iteration arrives late, and iteration 11 is written again with a later timestamp.
  await srv.client.call('events.add_batch', [scalar(id, 'val', 5, -1), scalar(id, 'val', 11, 7, T0 + 100)]);
  expect(await metricOf(id, 'loss', 'val')).toMatchObject({
    value: 7,
    iter: 11,
    timestamp: T0 + 100,
    min_value: -1,
    min_value_iteration: 5,
    max_value: 7,
    max_value_iteration: 11,
    first_value: 2,
    first_value_iteration: 10,
    count: 3,
  });
  // The stored points are 2, 7 (iteration 11 overwritten) and -1: the 3 written over leaves the mean.
  expect((await metricOf(id, 'loss', 'val'))?.mean_value).toBeCloseTo(8 / 3, 12);
  expect((await task(id)).last_iteration).toBe(11);
});

it('keeps several series of several tasks in one batch apart', async () => {
  const a = await newTask('multi a');
  const b = await newTask('multi b');
  await srv.client.call('events.add_batch', [
    scalar(a, 'train', 1, 1),
    scalar(b, 'train', 1, 10),
    { ...scalar(a, 'x', 2, 5), metric: 'acc' },
    scalar(b, 'train', 2, 20),
  ]);
  const ta = await task(a);
  const tb = await task(b);
  expect(
    Object.values(ta.last_metrics).flatMap((v) => Object.values(v).map((e) => [e.metric, e.variant, e.value, e.count])),
  ).toEqual(
    expect.arrayContaining([
      ['loss', 'train', 1, 1],
      ['acc', 'x', 5, 1],
    ]),
  );
  expect(Object.keys(ta.last_metrics)).toHaveLength(2);
  expect(tb.last_metrics[hex('loss')][hex('train')]).toMatchObject({ value: 20, min_value: 10, max_value: 20, count: 2 });
  expect(tb.last_iteration).toBe(2);
});

it('leaves a published task as it was when its events are refused', async () => {
  const id = await newTask('to publish');
  await srv.client.call('events.add_batch', [scalar(id, 'train', 1, 1)]);
  await srv.client.call('tasks.stopped', { task: id, force: true });
  await srv.client.call('tasks.publish', { task: id, force: true });
  const before = await task(id);
  await expect(srv.client.call('events.add_batch', [scalar(id, 'train', 2, 5)])).rejects.toThrow(/published/);
  const after = await task(id);
  expect(after.last_metrics).toEqual(before.last_metrics);
  expect(after.last_update).toBe(before.last_update);
  expect(after.last_iteration).toBe(1);
});

it('returns last_metrics only where the projection asks for it', async () => {
  const id = await newTask('projected');
  await srv.client.call('events.add_batch', [scalar(id, 'train', 3, 0.25)]);
  const call = async (only_fields: string[]) =>
    ((await srv.client.call('tasks.get_all_ex', { id: [id], only_fields })) as unknown as { tasks: Record<string, unknown>[] })
      .tasks[0];
  expect(await call(['name'])).toEqual({ id, name: 'projected' });
  const path = `last_metrics.${hex('loss')}.${hex('train')}.value`;
  expect(await call([path])).toEqual({ id, last_metrics: { [hex('loss')]: { [hex('train')]: { value: 0.25 } } } });
  const whole = await call(['last_metrics', 'last_iteration']);
  expect(whole.last_iteration).toBe(3);
  expect((whole.last_metrics as Task['last_metrics'])[hex('loss')][hex('train')]).toMatchObject({ value: 0.25, count: 1 });
});

it('sorts and filters by a metric from its rows, tasks without it last when descending', async () => {
  const ids: string[] = [];
  for (const [name, v] of [
    ['sort a', 0.5],
    ['sort b', 0.9],
    ['sort c', 0.1],
  ] as const) {
    const id = await newTask(name);
    ids.push(id);
    await srv.client.call('events.add_batch', [{ ...scalar(id, 'v', 1, v), metric: 'sortkey' }]);
  }
  ids.push(await newTask('sort none'));
  const field = `last_metrics.${hex('sortkey')}.${hex('v')}.value`;
  const names = async (req: Record<string, unknown>) =>
    (
      (await srv.client.call('tasks.get_all_ex', { id: ids, only_fields: ['name'], ...req })) as { tasks: { name: string }[] }
    ).tasks.map((t) => t.name);
  expect(await names({ order_by: [`-${field}`] })).toEqual(['sort b', 'sort a', 'sort c', 'sort none']);
  expect(await names({ order_by: [field] })).toEqual(['sort none', 'sort c', 'sort a', 'sort b']);
  expect(await names({ order_by: [field], [field]: ['>=0.2', '<=1'] })).toEqual(['sort a', 'sort b']);
});

it('empties last_metrics on reset, and a reset task folds new points from scratch', async () => {
  const id = await newTask('reset me');
  await srv.client.call('events.add_batch', [scalar(id, 'train', 1, 4), scalar(id, 'train', 2, 8)]);
  await srv.client.call('tasks.stopped', { task: id, force: true });
  await srv.client.call('tasks.reset', { task: id, force: true });
  const t = await task(id);
  expect(t.last_metrics).toEqual({});
  expect(t.last_iteration).toBe(0);
  await srv.client.call('tasks.started', { task: id });
  await srv.client.call('events.add_batch', [scalar(id, 'train', 1, 6)]);
  expect(await metricOf(id, 'loss', 'train')).toMatchObject({ value: 6, min_value: 6, max_value: 6, count: 1, mean_value: 6 });
});

it('folds model events into the model last_metrics, a resend counted once', async () => {
  const { id } = (await srv.client.call('models.create', { name: 'metric model', uri: 'file:///tmp/m.pt', ready: false })) as {
    id: string;
  };
  const batch = [1, 2, 3].map((i) => ({ ...scalar(id, 'train', i, 10 - i), model_event: true }));
  await srv.client.call('events.add_batch', batch);
  await srv.client.call('events.add_batch', batch);
  const { model } = (await srv.client.call('models.get_by_id', { model: id })) as {
    model: { last_metrics?: Task['last_metrics']; last_iteration?: number };
  };
  expect(model.last_metrics?.[hex('loss')][hex('train')]).toMatchObject({
    value: 7,
    iter: 3,
    min_value: 7,
    max_value: 9,
    max_value_iteration: 1,
    count: 3,
    mean_value: 8,
  });
  expect(model.last_iteration).toBe(3);
});
