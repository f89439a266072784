import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let task: string;
const T0 = 1_700_000_000_000;

beforeAll(async () => {
  srv = await startTestServer();
  task = (await srv.client.call('tasks.create', { name: 'events-read', type: 'training' })).id;
  await srv.client.call('tasks.started', { task });
  const batch: Record<string, unknown>[] = [];
  for (let i = 0; i < 10; i++) {
    batch.push({
      type: 'training_stats_scalar',
      task,
      metric: 'loss',
      variant: 'train',
      iter: i,
      value: 10 - i,
      timestamp: T0 + i,
    });
    batch.push({
      type: 'training_stats_scalar',
      task,
      metric: 'loss',
      variant: 'val',
      iter: i,
      value: 20 - i,
      timestamp: T0 + i,
    });
  }
  for (const iter of [2, 5, 5, 8]) {
    batch.push({
      type: 'training_debug_image',
      task,
      metric: 'img',
      variant: `v${batch.length}`,
      iter,
      url: `http://x/files/${iter}.png`,
      timestamp: T0,
    });
  }
  batch.push({ type: 'plot', task, metric: 'roc', variant: 'auc', iter: 3, plot_str: '{}', timestamp: T0 });
  batch.push({ type: 'log', task, msg: 'first', timestamp: T0 }, { type: 'log', task, msg: 'second', timestamp: T0 + 1 });
  await srv.client.call('events.add_batch', batch);
});
afterAll(() => srv?.stop());

describe('events.get_task_events', () => {
  it('pages debug images by iteration as the SDK reads them before task.delete(), never splitting an iteration', async () => {
    // The SDK's request (sdk-delete-transcript seq 52), with a batch small enough to page.
    const body = { task, order: 'asc' as const, batch_size: 2, event_type: 'training_debug_image' as const, model_events: false };
    const p1 = await srv.client.call('events.get_task_events', body);
    expect(p1.total).toBe(4);
    expect(p1.events.map((e) => e.iter)).toEqual([2, 5, 5]);
    const p2 = await srv.client.call('events.get_task_events', { ...body, scroll_id: p1.scroll_id });
    expect(p2.events.map((e) => e.iter)).toEqual([8]);
    expect(p2.events[0].url).toBe('http://x/files/8.png');
    const p3 = await srv.client.call('events.get_task_events', { ...body, scroll_id: p2.scroll_id });
    expect(p3).toMatchObject({ events: [], returned: 0, total: 4 });
  });

  it('returns every type when none is given (console lines last), in descending order on request', async () => {
    const all = await srv.client.call('events.get_task_events', { task, batch_size: 1000 });
    expect(all.total).toBe(20 + 4 + 1 + 2);
    expect(all.returned).toBe(27);
    expect(all.events.slice(-2).map((e) => e.msg)).toEqual(['first', 'second']);
    const desc = await srv.client.call('events.get_task_events', {
      task,
      order: 'desc',
      event_type: 'training_stats_scalar',
      batch_size: 3,
    });
    // Three asked for: 9, 9, 8, and the other event of iteration 8 with it.
    expect(desc.events.map((e) => e.iter)).toEqual([9, 9, 8, 8]);
    expect(desc.events.map((e) => e.value!).sort((a, b) => a - b)).toEqual([1, 2, 11, 12]);
  });

  it('filters by metric and variant, and refuses an unknown task or a foreign scroll id', async () => {
    const only = await srv.client.call('events.get_task_events', {
      task,
      event_type: 'training_stats_scalar',
      metrics: [{ metric: 'loss', variants: ['val'] }],
    });
    expect(only.events.map((e) => e.variant)).toEqual(Array(10).fill('val'));
    await expect(srv.client.call('events.get_task_events', { task: 'nope' })).rejects.toMatchObject({ code: 400, subcode: 101 });
    const other = (await srv.client.call('tasks.create', { name: 'other', type: 'training' })).id;
    const p = await srv.client.call('events.get_task_events', { task, batch_size: 1 });
    await expect(srv.client.call('events.get_task_events', { task: other, scroll_id: p.scroll_id })).rejects.toMatchObject({
      code: 400,
    });
    await expect(srv.client.call('events.get_task_events', { task, scroll_id: 'garbage!' })).rejects.toMatchObject({
      code: 400,
      subcode: 12,
    });
  });
});

it("events.get_scalar_metric_data returns one metric's scalar events, newest iteration first", async () => {
  const r = await srv.client.call('events.get_scalar_metric_data', { task, metric: 'loss', no_scroll: true });
  expect(r.total).toBe(20);
  expect(r.events[0].iter).toBe(9);
  expect(r.events.every((e) => e.metric === 'loss' && e.type === 'training_stats_scalar')).toBe(true);
});

it('events.scalar_metrics_iter_raw returns every point of a metric per variant, paged by batch_size', async () => {
  const body = { task, metric: { metric: 'loss', variants: ['train'] }, key: 'iter' as const, batch_size: 6, count_total: true };
  const p1 = await srv.client.call('events.scalar_metrics_iter_raw', body);
  expect(p1.total).toBe(10);
  expect(p1.variants.train).toEqual({ y: [10, 9, 8, 7, 6, 5], iter: [0, 1, 2, 3, 4, 5] });
  const p2 = await srv.client.call('events.scalar_metrics_iter_raw', { ...body, scroll_id: p1.scroll_id });
  expect(p2.variants.train.iter).toEqual([6, 7, 8, 9]);
  const p3 = await srv.client.call('events.scalar_metrics_iter_raw', { ...body, scroll_id: p2.scroll_id });
  expect(p3).toMatchObject({ variants: {}, returned: 0 });
  const iso = await srv.client.call('events.scalar_metrics_iter_raw', {
    task,
    metric: { metric: 'loss' },
    key: 'iso_time',
  });
  expect(iso.variants.val.iso_time[0]).toBe(new Date(T0).toISOString());
});

it("events.get_task_latest_scalar_values gives each variant's last value and the mean of its last 100", async () => {
  const r = await srv.client.call('events.get_task_latest_scalar_values', { task });
  expect(r.name).toBe('events-read');
  expect(r.last_iter).toBe(9);
  expect(r.metrics).toEqual([
    {
      name: 'loss',
      variants: [
        { name: 'train', last_value: 1, last_100_value: 5.5 },
        { name: 'val', last_value: 11, last_100_value: 15.5 },
      ],
    },
  ]);
});

it('events.clear_task_log clears the console (or only lines older than threshold_sec), not published tasks', async () => {
  const t = (await srv.client.call('tasks.create', { name: 'log', type: 'training' })).id;
  await srv.client.call('tasks.started', { task: t });
  await srv.client.call('events.add_batch', [
    { type: 'log', task: t, msg: 'old', timestamp: Date.now() - 3_600_000 },
    { type: 'log', task: t, msg: 'new', timestamp: Date.now() },
  ]);
  expect(await srv.client.call('events.clear_task_log', { task: t, threshold_sec: 600 })).toEqual({ deleted: 1 });
  const log = await srv.client.call('events.get_task_log', { task: t });
  expect(log.events.map((e) => e.msg)).toEqual(['new']);
  await srv.client.call('tasks.completed', { task: t });
  await srv.client.call('tasks.publish', { task: t });
  await expect(srv.client.call('events.clear_task_log', { task: t })).rejects.toMatchObject({ code: 400, subcode: 110 });
  expect((await srv.client.call('events.get_task_log', { task: t })).events).toHaveLength(1);
  expect(await srv.client.call('events.clear_task_log', { task: t, allow_locked: true })).toEqual({ deleted: 1 });
});

it("events.delete_for_model deletes a model's events, not a published model's unless allow_locked", async () => {
  const model = (await srv.client.call('models.create', { name: 'm', uri: 'file:///m', ready: false })).id;
  await srv.client.call('events.add_batch', [
    { type: 'training_stats_scalar', task: model, model_event: true, metric: 'a', variant: 'b', value: 1 },
  ]);
  await srv.client.call('models.set_ready', { model });
  await expect(srv.client.call('events.delete_for_model', { model })).rejects.toMatchObject({ code: 400 });
  expect(await srv.client.call('events.delete_for_model', { model, allow_locked: true })).toEqual({ deleted: 1 });
  expect(await srv.client.call('events.scalar_metrics_iter_histogram', { task: model, model_events: true })).toEqual({});
  expect(await srv.client.call('events.clear_scroll', { scroll_id: 'x' })).toEqual({});
});

it("takes the web app's raw-scalar batch of 200,000 and single-value metrics filtered by metric", async () => {
  const raw = await srv.client.call('events.scalar_metrics_iter_raw', {
    task,
    metric: { metric: 'loss', variants: ['train'] },
    key: 'iter',
    batch_size: 200_000,
    count_total: true,
  });
  expect(raw.returned).toBe(10);
  await srv.client.call('events.add_batch', [
    { type: 'training_stats_scalar', task, metric: 'acc', variant: 'final', iter: -2147483648, value: 0.9 },
    { type: 'training_stats_scalar', task, metric: 'f1', variant: 'final', iter: -2147483648, value: 0.7 },
  ]);
  const sv = await srv.client.call('events.get_task_single_value_metrics', {
    tasks: [task],
    metrics: [{ metric: 'f1' }],
  });
  expect(sv.tasks[0].values.map((v) => v.metric)).toEqual(['f1']);
});
