import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let task: string;
beforeAll(async () => {
  srv = await startTestServer();
  task = (await srv.client.call('tasks.create', { name: 'vectors', type: 'training' })).id;
  await srv.client.call('tasks.started', { task });
});
afterAll(() => srv?.stop());

it('events.add stores one event, and refuses one for an unknown task', async () => {
  expect(
    await srv.client.call('events.add', { type: 'training_stats_scalar', task, metric: 'm', variant: 'v', iter: 1, value: 3 }),
  ).toMatchObject({ added: 1 });
  const h = await srv.client.call('events.scalar_metrics_iter_histogram', {
    task,
  });
  expect(h.m.v.y).toEqual([3]);
  await expect(srv.client.call('events.add', { type: 'log', task: 'nope', msg: 'x' })).rejects.toMatchObject({
    code: 400,
    subcode: 131,
  });
});

it('lists vector metrics and returns a vector series by iteration', async () => {
  await srv.client.call('events.add_batch', [
    { type: 'training_stats_vector', task, metric: 'hist', variant: 'w', iter: 2, values: [3, 4] },
    { type: 'training_stats_vector', task, metric: 'hist', variant: 'w', iter: 1, values: [1, 2] },
  ]);
  expect(await srv.client.call('events.get_vector_metrics_and_variants', { task })).toEqual({ metrics: { hist: ['w'] } });
  expect(await srv.client.call('events.vector_metrics_iter_histogram', { task, metric: 'hist', variant: 'w' })).toEqual({
    metric: 'hist',
    variant: 'w',
    vectors: [
      [1, 2],
      [3, 4],
    ],
    iterations: [1, 2],
  });
});

it('events.plots returns the newest plots per iteration, as events.debug_images does for images', async () => {
  await srv.client.call('events.add_batch', [
    { type: 'plot', task, metric: 'roc', variant: 'a', iter: 1, plot_str: '{}' },
    { type: 'plot', task, metric: 'roc', variant: 'a', iter: 2, plot_str: '{"n":2}' },
  ]);
  const r = await srv.client.call('events.plots', { metrics: [{ task, metric: 'roc' }], iters: 1 });
  expect(r.metrics[0].iterations.map((i) => [i.iter, i.events[0].plot_str])).toEqual([[2, '{"n":2}']]);
});
