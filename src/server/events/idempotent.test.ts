import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';
import { lossPoint } from '../testing/scalar-event';

// The SDK resends a batch whose answer it did not get: storing it again must change nothing.
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

type Series = { x: (number | string)[]; y: number[] };

async function newTask(name: string): Promise<string> {
  const { id } = (await srv.client.call('tasks.create', { name, type: 'training' })) as { id: string };
  await srv.client.call('tasks.started', { task: id });
  return id;
}

async function chart(task: string, metric: string, variant: string): Promise<Series> {
  const h = (await srv.client.call('events.scalar_metrics_iter_histogram', { task })) as Record<string, Record<string, Series>>;
  return h[metric][variant];
}

async function counts(task: string): Promise<Record<string, Record<string, { count: number }>>> {
  return ((await srv.client.call('events.get_scalar_metrics_and_variants', { task })) as { metrics: never }).metrics;
}

const scalar = (task: string, variant: string, iter: number, value: number) => lossPoint(task, variant, iter, value);

it('stores a batch sent three times once: scalars, plots and debug images', async () => {
  const task = await newTask('resent');
  const batch = [
    ...[1, 2, 3, 4, 5].flatMap((i) => [scalar(task, 'train', i, 1 / i), scalar(task, 'val', i, 2 / i)]),
    { type: 'plot', task, iter: 5, metric: 'confusion', variant: 'm', plot_str: '{"data":[]}' },
    { type: 'training_debug_image', task, iter: 5, metric: 'samples', variant: 'img', url: 'http://files/a.png' },
  ];
  for (let i = 0; i < 3; i++) await srv.client.call('events.add_batch', batch);

  expect(await chart(task, 'loss', 'train')).toMatchObject({ x: [1, 2, 3, 4, 5], y: [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5] });
  expect((await chart(task, 'loss', 'val')).x).toEqual([1, 2, 3, 4, 5]);
  const c = await counts(task);
  expect(c.loss.train.count).toBe(5);
  expect(c.loss.val.count).toBe(5);
  const plots = (await srv.client.call('events.get_task_plots', { task })) as { plots: unknown[] };
  expect(plots.plots).toHaveLength(1);
  const images = (await srv.client.call('events.debug_images', { metrics: [{ task, metric: 'samples' }], iters: 10 })) as {
    metrics: { iterations: { iter: number; events: unknown[] }[] }[];
  };
  expect(images.metrics[0].iterations).toEqual([expect.objectContaining({ iter: 5, events: [expect.anything()] })]);
});

it('lets the last write of an iteration win, in place, and keeps out-of-order iterations', async () => {
  const task = await newTask('overwrite');
  // 600 points: the series spans three chunks, so the rewrite reaches chunks before the last one.
  const iters = Array.from({ length: 600 }, (_, i) => i * 10);
  await srv.client.call(
    'events.add_batch',
    iters.map((i) => scalar(task, 'v', i, i)),
  );
  // Resent backwards with new values for some, plus iterations that fall between stored ones.
  await srv.client.call('events.add_batch', [
    ...[...iters].reverse().map((i) => scalar(task, 'v', i, i % 1000 === 0 ? -i - 1 : i)),
    scalar(task, 'v', 15, 1.5),
    scalar(task, 'v', 2005, 200.5),
    scalar(task, 'v', 15, 1.25),
  ]);
  const s = await chart(task, 'loss', 'v');
  const expected = new Map<number, number>(iters.map((i) => [i, i % 1000 === 0 ? -i - 1 : i]));
  expected.set(15, 1.25);
  expected.set(2005, 200.5);
  const sorted = [...expected].sort((a, b) => a[0] - b[0]);
  expect(s.x).toEqual(sorted.map(([i]) => i));
  expect(s.y).toEqual(sorted.map(([, v]) => v));
  expect((await counts(task)).loss.v.count).toBe(602);
});

it('overwrites the iterations a rising batch shares with stored chunks and appends the rest, also between stored ones', async () => {
  const task = await newTask('rising overlap');
  // 300 points (two chunks), then a rising batch whose first 50 iterations are stored ones (new values).
  await srv.client.call(
    'events.add_batch',
    Array.from({ length: 300 }, (_, i) => scalar(task, 'v', i * 2, i)),
  );
  await srv.client.call(
    'events.add_batch',
    Array.from({ length: 300 }, (_, i) => scalar(task, 'v', 500 + i * 2, -i - 1)),
  );
  // Odd iterations, rising, all between stored even ones: none is stored yet, all are added.
  await srv.client.call(
    'events.add_batch',
    Array.from({ length: 10 }, (_, i) => scalar(task, 'v', 1 + i * 2, 0.5)),
  );
  const expected = new Map<number, number>();
  for (let i = 0; i < 300; i++) expected.set(i * 2, i);
  for (let i = 0; i < 300; i++) expected.set(500 + i * 2, -i - 1);
  for (let i = 0; i < 10; i++) expected.set(1 + i * 2, 0.5);
  const sorted = [...expected].sort((a, b) => a[0] - b[0]);
  const s = await chart(task, 'loss', 'v');
  expect(s.x).toEqual(sorted.map(([i]) => i));
  expect(s.y).toEqual(sorted.map(([, v]) => v));
  expect((await counts(task)).loss.v.count).toBe(300 + 250 + 10);
});

it('keeps a plot resent with new content once, with the new content', async () => {
  const task = await newTask('plot');
  const plot = (y: number) => ({ type: 'plot', task, iter: 1, metric: 'p', variant: 'v', plot_str: `{"data":[{"y":[${y}]}]}` });
  await srv.client.call('events.add_batch', [plot(1)]);
  await srv.client.call('events.add_batch', [plot(2), plot(3)]);
  const r = (await srv.client.call('events.get_task_plots', { task })) as { plots: { plot_str: string }[] };
  expect(r.plots.map((p) => p.plot_str)).toEqual(['{"data":[{"y":[3]}]}']);
});
