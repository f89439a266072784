import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let a: string;
let b: string;

beforeAll(async () => {
  srv = await startTestServer();
  a = (await srv.client.call('tasks.create', { name: 'run a', type: 'training' })).id;
  b = (await srv.client.call('tasks.create', { name: 'run b', type: 'training' })).id;
  for (const t of [a, b]) await srv.client.call('tasks.started', { task: t });
  await srv.client.call('events.add_batch', [
    { type: 'plot', task: a, metric: 'roc', variant: 'val', iter: 1, plot_str: '{"old":1}' },
    { type: 'plot', task: a, metric: 'roc', variant: 'val', iter: 2, plot_str: '{"new":1}' },
    { type: 'plot', task: b, metric: 'roc', variant: 'val', iter: 7, plot_str: '{}' },
    { type: 'training_stats_scalar', task: a, metric: 'loss', variant: 'train', value: 1 },
    { type: 'training_stats_scalar', task: b, metric: 'loss', variant: 'val', value: 1 },
    { type: 'training_debug_image', task: b, metric: 'img', variant: 'x', url: 'http://x/i.png' },
  ]);
});
afterAll(() => srv?.stop());

it('events.get_multi_task_plots groups the newest plots by metric, variant, task and iteration, with task names', async () => {
  const r = await srv.client.call('events.get_multi_task_plots', {
    tasks: [a, b],
    iters: 1,
  });
  expect(Object.keys(r.plots.roc.val).sort()).toEqual([a, b].sort());
  expect(Object.keys(r.plots.roc.val[a])).toEqual(['2']);
  expect(r.plots.roc.val[a]['2']).toEqual({ name: 'run a', plots: [expect.objectContaining({ plot_str: '{"new":1}' })] });
  expect(r.plots.roc.val[b]['7'].name).toBe('run b');
  const two = await srv.client.call('events.get_multi_task_plots', { tasks: [a], iters: 2 });
  expect(Object.keys(two.plots.roc.val[a]).sort()).toEqual(['1', '2']);
  await expect(srv.client.call('events.get_multi_task_plots', { tasks: [a, 'nope'] })).rejects.toMatchObject({
    code: 400,
    subcode: 101,
  });
});

it('events.get_multi_task_plots takes the 200 tasks a comparison holds, and refuses 201', async () => {
  const others = [];
  for (let i = 0; i < 199; i++) others.push((await srv.client.call('tasks.create', { name: `many ${i}`, type: 'training' })).id);
  const r = await srv.client.call('events.get_multi_task_plots', { tasks: [a, ...others] });
  expect(Object.keys(r.plots.roc.val)).toEqual([a]);
  await expect(srv.client.call('events.get_multi_task_plots', { tasks: [a, b, ...others] })).rejects.toMatchObject({ code: 400 });
});

it('events.get_multi_task_metrics lists the distinct metrics and variants, of one event type or all', async () => {
  const all = await srv.client.call('events.get_multi_task_metrics', {
    tasks: [a, b],
  });
  expect(all.metrics).toEqual([
    { metric: 'img', variants: ['x'] },
    { metric: 'loss', variants: ['train', 'val'] },
    { metric: 'roc', variants: ['val'] },
  ]);
  const scalars = await srv.client.call('events.get_multi_task_metrics', {
    tasks: [a, b],
    event_type: 'training_stats_scalar',
  });
  expect(scalars.metrics.map((m) => m.metric)).toEqual(['loss']);
});
