import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';
import { startTestServer, type TestServer } from '../testing/server';
import { RAW_READ_LIMIT } from './downsample';

let srv: TestServer;
let task: string;
beforeAll(async () => {
  srv = await startTestServer();
  task = (await srv.client.call('tasks.create', { name: 'events', type: 'training' })).id;
  await srv.client.call('tasks.started', { task });
});
afterAll(() => srv?.stop());

async function sendScalars(t: string, metric: string, variant: string, n: number, value: (i: number) => number) {
  for (let from = 0; from < n; from += 50_000) {
    const batch = [];
    for (let i = from; i < Math.min(n, from + 50_000); i++) {
      batch.push({
        type: 'training_stats_scalar',
        task: t,
        metric,
        variant,
        iter: i,
        value: value(i),
        timestamp: 1_700_000_000_000 + i,
      });
    }
    await srv.client.call('events.add_batch', batch);
  }
}

describe('scalar downsampling', () => {
  it('returns small series whole and large ones within `samples`, keeping spikes', async () => {
    await sendScalars(task, 'loss', 'small', 300, (i) => 1 / (i + 1));
    await sendScalars(task, 'loss', 'spiky', 20_000, (i) => (i === 12_345 ? 99 : i === 777 ? -50 : Math.sin(i / 100)));
    const h = await srv.client.call('events.scalar_metrics_iter_histogram', { task, samples: 1000 });
    expect(h.loss.small.x).toHaveLength(300);
    expect(h.loss.spiky.x.length).toBeLessThanOrEqual(1000);
    expect(h.loss.spiky.x.length).toBeGreaterThan(900);
    expect(Math.max(...h.loss.spiky.y)).toBe(99);
    expect(Math.min(...h.loss.spiky.y)).toBe(-50);
    expect(h.loss.spiky.x[h.loss.spiky.y.indexOf(99)]).toBe(12_345);
    const xs = h.loss.spiky.x as number[];
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('downsamples a series above the raw limit from chunk summaries alone', async () => {
    const t = (await srv.client.call('tasks.create', { name: 'big', type: 'training' })).id;
    await srv.client.call('tasks.started', { task: t });
    const n = RAW_READ_LIMIT + 50_000;
    await sendScalars(t, 'm', 'v', n, (i) => (i === 200_000 ? 1e6 : i % 1000));
    const h = await srv.client.call('events.scalar_metrics_iter_histogram', { task: t, samples: 2000 });
    expect(h.m.v.x).toHaveLength(2000);
    expect(Math.max(...h.m.v.y)).toBe(1e6);
    expect(h.m.v.x[0]).toBe(0);
    const iso = await srv.client.call('events.scalar_metrics_iter_histogram', { task: t, samples: 100, key: 'iso_time' });
    expect(String(iso.m.v.x[0])).toMatch(/^2023-11-14T/);
  });

  it('answers the multi-task form keyed by task with task names', async () => {
    const h = await srv.client.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: [task], samples: 100 });
    expect(h.metrics.loss.small[task].name).toBe('events');
    expect(h.metrics.loss.small[task].x.length).toBeLessThanOrEqual(300);
  });

  it('lists single values apart', async () => {
    await srv.client.call('events.add_batch', [
      { type: 'training_stats_scalar', task, metric: 'Summary', variant: 'acc', iter: SINGLE_VALUE_ITERATION, value: 0.93 },
    ]);
    const r = await srv.client.call('events.get_task_single_value_metrics', { tasks: [task] });
    expect(r.tasks[0].values).toEqual([expect.objectContaining({ metric: 'Summary', variant: 'acc', value: 0.93 })]);
    const metrics = await srv.client.call('events.get_task_metrics', {
      tasks: [task],
      event_type: 'training_stats_scalar',
    });
    expect(metrics.metrics[0].metrics).toEqual(['Summary', 'loss']);
  });

  it('finds a single value inside a long series among ordinary points, and none in long series without one', async () => {
    const point = (iter: number, value: number) => ({
      type: 'training_stats_scalar',
      task,
      metric: 'Summary',
      variant: 'mixed',
      iter,
      value,
    });
    await srv.client.call('events.add_batch', [
      ...Array.from({ length: 600 }, (_, i) => point(i, i)),
      point(SINGLE_VALUE_ITERATION, 0.5),
      ...Array.from({ length: 300 }, (_, i) => point(600 + i, i)),
      ...Array.from({ length: 900 }, (_, i) => ({ ...point(i, 1), variant: 'plain' })),
    ]);
    const r = await srv.client.call('events.get_task_single_value_metrics', { tasks: [task] });
    expect(r.tasks[0].values.map((v) => [v.variant, v.value]).sort()).toEqual([
      ['acc', 0.93],
      ['mixed', 0.5],
    ]);
  });
});

describe('console log', () => {
  it('pages both ways from a stable position', async () => {
    const t = (await srv.client.call('tasks.create', { name: 'log', type: 'training' })).id;
    await srv.client.call(
      'events.add_batch',
      Array.from({ length: 250 }, (_, i) => ({
        type: 'log',
        task: t,
        msg: `line ${i}`,
        timestamp: 1000 + Math.floor(i / 10),
        level: i % 50 === 0 ? 'error' : 'info',
      })),
    );
    const first = await srv.client.call('events.get_task_log', { task: t, navigate_earlier: false, batch_size: 100 });
    expect(first.events.map((e) => e.msg).slice(0, 2)).toEqual(['line 0', 'line 1']);
    expect(first.total).toBe(250);
    const next = await srv.client.call('events.get_task_log', {
      task: t,
      navigate_earlier: false,
      batch_size: 100,
      from_pos: first.events.at(-1)!.pos,
    });
    expect(next.events[0].msg).toBe('line 100');
    const last = await srv.client.call('events.get_task_log', { task: t, batch_size: 100 });
    expect(last.events[0].msg).toBe('line 249');
    const back = await srv.client.call('events.get_task_log', {
      task: t,
      batch_size: 100,
      from_pos: last.events.at(-1)!.pos,
      order: 'asc',
    });
    expect(back.events.at(-1)!.msg).toBe('line 149');
    expect(back.events[0].msg).toBe('line 50');
    const ts = await srv.client.call('events.get_task_log', {
      task: t,
      navigate_earlier: false,
      from_timestamp: 1010,
      batch_size: 5,
    });
    expect(ts.events[0].msg).toBe('line 110');
    expect(first.events[0].level).toBe('error');
  });
});

describe('plots and debug images', () => {
  it('returns the latest plot per metric/variant, or one iteration', async () => {
    const plot = (iter: number, metric: string) => ({
      type: 'plot',
      task,
      iter,
      metric,
      variant: 'v',
      plot_str: JSON.stringify({ data: [{ type: 'bar', y: [iter] }], layout: {} }),
    });
    await srv.client.call('events.add_batch', [plot(1, 'a'), plot(2, 'a'), plot(3, 'a'), plot(1, 'b')]);
    const latest = await srv.client.call('events.get_task_plots', { task });
    expect(latest.plots.map((p) => `${p.metric}@${p.iter}`).sort()).toEqual(['a@3', 'b@1']);
    const at2 = await srv.client.call('events.get_task_plots', { task, iter: 2 });
    expect(at2.plots.map((p) => `${p.metric}@${p.iter}`)).toEqual(['a@2']);
  });

  it('pages debug images by iteration, newest first', async () => {
    const img = (iter: number) => ({
      type: 'training_debug_image',
      task,
      iter,
      metric: 'samples',
      variant: 'img',
      key: `k/${iter}`,
      url: `${srv.url}/files/k/${iter}.png`,
    });
    await srv.client.call('events.add_batch', [img(1), img(2), img(3), img(4)]);
    const p1 = await srv.client.call('events.debug_images', { metrics: [{ task, metric: 'samples' }], iters: 2 });
    expect(p1.metrics[0].iterations.map((i) => i.iter)).toEqual([4, 3]);
    const p2 = await srv.client.call('events.debug_images', {
      metrics: [{ task, metric: 'samples' }],
      iters: 2,
      scroll_id: p1.scroll_id,
    });
    expect(p2.metrics[0].iterations.map((i) => i.iter)).toEqual([2, 1]);
    const fwd = await srv.client.call('events.debug_images', {
      metrics: [{ task, metric: 'samples' }],
      iters: 1,
      scroll_id: p2.scroll_id,
      navigate_earlier: false,
    });
    expect(fwd.metrics[0].iterations.map((i) => i.iter)).toEqual([2]);
  });

  it('keeps last_iteration as the highest iteration seen, single values aside', async () => {
    const t = (await srv.client.call('tasks.get_by_id', { task })).task;
    expect(t.last_iteration).toBe(19_999);
  });
});

describe("the resource monitor's series", () => {
  it("leave last_iteration to the training's iterations (their iteration is seconds since the start)", async () => {
    const t = (await srv.client.call('tasks.create', { name: 'monitored', type: 'training' })).id;
    const scalar = (metric: string, variant: string, iter: number) => ({
      type: 'training_stats_scalar',
      task: t,
      metric,
      variant,
      iter,
      value: 1,
    });
    // A batch of each kind: scalars alone (the columns' path), and mixed with a plot (the per-event path).
    await srv.client.call('events.add_batch', [
      scalar('loss', 'train', 7),
      scalar(':monitor:machine', 'cpu_usage', 600),
      scalar(':monitor:gpu', 'gpu_0_utilization', 900),
    ]);
    await srv.client.call('events.add_batch', [
      { type: 'plot', task: t, metric: ':monitor:machine', variant: 'x', iter: 1200, plot_str: '{}' },
      scalar('loss', 'train', 9),
    ]);
    expect((await srv.client.call('tasks.get_by_id', { task: t })).task.last_iteration).toBe(9);
    // Still stored and charted.
    const h = await srv.client.call('events.scalar_metrics_iter_histogram', { task: t });
    expect(h[':monitor:gpu'].gpu_0_utilization.x).toEqual([900]);
  });
});

describe('add_batch from Python', () => {
  it('refuses a NaN value on its own and keeps the rest of the batch', async () => {
    const t = (await srv.client.call('tasks.create', { name: 'nan', type: 'training' })).id;
    const body = [
      `{"type": "training_stats_scalar", "task": "${t}", "metric": "m", "variant": "v", "iter": 1, "value": NaN}`,
      `{"type": "training_stats_scalar", "task": "${t}", "metric": "m", "variant": "v", "iter": 2, "value": 0.5}`,
    ].join('\n');
    const res = await fetch(`${srv.url}/api/v2.23/events.add_batch`, {
      method: 'POST',
      body,
      headers: { Authorization: `Bearer ${srv.client.token}`, 'Content-Type': 'application/json-lines' },
    });
    const json = (await res.json()) as { data: { added: number; errors: number } };
    expect(json.data).toMatchObject({ added: 1, errors: 1 });
    const h = await srv.client.call('events.scalar_metrics_iter_histogram', { task: t });
    expect(h.m.v.y).toEqual([0.5]);
  });
});
