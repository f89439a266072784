/**
 * Workers' machine statistics (workers.get_stats, get_metric_keys, get_activity_report) as clearml-server answers
 * them: buckets of the interval (ClearML's shortest is 40 s) aligned to the epoch, the aggregations asked for per
 * metric, per device with split_by_variant, the last bucket left out when the range ends before 90% of it. Values
 * are planted at chosen times; the expected buckets are worked out by hand from them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WorkerStatRow } from '../store/store';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
/** A recent time (seconds), a multiple of 120 (so of 40 and 60): the status report's bucket. */
let B: number;
/** Twenty minutes before B: the planted rows' buckets. */
let B2: number;

const row = (worker: string, sec: number, variant: string, value: number, task: string | null = null): WorkerStatRow => ({
  worker,
  at: sec * 1000,
  task,
  metric: 'cpu_usage',
  variant,
  value,
});

beforeAll(async () => {
  srv = await startTestServer();
  B = Math.floor((Date.now() / 1000 - 600) / 120) * 120;
  B2 = B - 1200;
  await srv.store.workerStats.add([
    row('w2', B2, '0', 10),
    row('w2', B2, '1', 30),
    row('w2', B2 + 20, '0', 20),
    row('w2', B2 + 20, '1', 40),
    row('w2', B2 + 70, '0', 50, 'some-task'),
    row('w3', B2 + 10, '0', 100),
  ]);
});
afterAll(() => srv?.stop());

it("stores a status report's statistics, a value per device, and a worker's next report only 10 s later", async () => {
  await srv.client.call('workers.status_report', {
    worker: 'w1',
    timestamp: (B + 5) * 1000,
    machine_stats: { cpu_usage: [10, 30], memory_used: 2048, gpu_usage: [], not_a_stat: 5, disk_read: 'x' },
  });
  await srv.client.call('workers.status_report', {
    worker: 'w1',
    timestamp: (B + 6) * 1000,
    machine_stats: { cpu_usage: [90, 90] },
  });
  const r = await srv.client.call('workers.get_stats', {
    worker_ids: ['w1'],
    from_date: B,
    to_date: B + 120,
    interval: 60,
    items: [
      { key: 'cpu_usage', aggregation: 'avg' },
      { key: 'memory_used', aggregation: 'avg' },
    ],
    split_by_variant: true,
  });
  const avg = (values: number[]) => [{ aggregation: 'avg', values }];
  expect(r.workers).toEqual([
    {
      worker: 'w1',
      metrics: [
        { metric: 'cpu_usage', variant: '0', dates: [B], stats: avg([10]) },
        { metric: 'cpu_usage', variant: '1', dates: [B], stats: avg([30]) },
        { metric: 'memory_used', variant: 'total', dates: [B], stats: avg([2048]) },
      ],
    },
  ]);
  expect(await srv.client.call('workers.get_metric_keys', { worker_ids: ['w1'] })).toEqual({
    categories: [
      { name: 'cpu', metric_keys: ['cpu_usage'] },
      { name: 'memory', metric_keys: ['memory_used'] },
    ],
  });
});

it('aggregates over all of a metric’s devices per bucket, in the order the aggregations are asked', async () => {
  const r = await srv.client.call('workers.get_stats', {
    from_date: B2,
    to_date: B2 + 180,
    interval: 60,
    items: [
      { key: 'cpu_usage', aggregation: 'avg' },
      { key: 'cpu_usage', category: 'max' },
      { key: 'cpu_usage', aggregation: 'min' },
    ],
  });
  expect(r.workers).toEqual([
    {
      worker: 'w2',
      metrics: [
        {
          metric: 'cpu_usage',
          dates: [B2, B2 + 60],
          stats: [
            { aggregation: 'avg', values: [25, 50] },
            { aggregation: 'max', values: [40, 50] },
            { aggregation: 'min', values: [10, 50] },
          ],
        },
      ],
    },
    {
      worker: 'w3',
      metrics: [
        {
          metric: 'cpu_usage',
          dates: [B2],
          stats: [
            { aggregation: 'avg', values: [100] },
            { aggregation: 'max', values: [100] },
            { aggregation: 'min', values: [100] },
          ],
        },
      ],
    },
  ]);
  const only = await srv.client.call('workers.get_stats', {
    worker_ids: ['w3'],
    from_date: B2,
    to_date: B2 + 180,
    interval: 60,
    items: [{ key: 'cpu_usage' }],
  });
  expect(only.workers.map((w) => w.worker)).toEqual(['w3']);
  // An interval under 40 s is taken as 40 s: rows at +0 and +20 share a bucket, +70 is in the next.
  const fine = await srv.client.call('workers.get_stats', {
    worker_ids: ['w2'],
    from_date: B2,
    to_date: B2 + 180,
    interval: 1,
    items: [{ key: 'cpu_usage', aggregation: 'avg' }],
  });
  expect(fine.workers[0].metrics[0]).toEqual({
    metric: 'cpu_usage',
    dates: [B2, B2 + 40],
    stats: [{ aggregation: 'avg', values: [25, 50] }],
  });
});

it('counts the workers reporting per interval, and those on a task; the unfinished last interval left out', async () => {
  expect(await srv.client.call('workers.get_activity_report', { from_date: B2, to_date: B2 + 180, interval: 60 })).toEqual({
    total: { dates: [B2, B2 + 60], counts: [2, 1] },
    active: { dates: [B2, B2 + 60], counts: [0, 1] },
  });
  // The range ends 40 s into the second interval: less than 90% of it.
  expect(await srv.client.call('workers.get_activity_report', { from_date: B2, to_date: B2 + 100, interval: 60 })).toEqual({
    total: { dates: [B2], counts: [2] },
    active: { dates: [B2], counts: [0] },
  });
});

it('refuses a range that ends before it starts, and lists no metric a worker never reported', async () => {
  await expect(
    srv.client.call('workers.get_activity_report', { from_date: B2, to_date: B2, interval: 60 }),
  ).rejects.toMatchObject({ code: 400, message: expect.stringContaining('from_date must be less than to_date') });
  expect(await srv.client.call('workers.get_metric_keys', { worker_ids: ['nobody'] })).toEqual({ categories: [] });
});
