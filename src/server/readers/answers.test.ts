/**
 * Endpoints whose whole answer a reader thread produces (and serialises): each answers the same bytes
 * with the pool as without it, errors included, and the pooled call really goes to a thread.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';
import { startTestServer, type TestServer } from '../testing/server';
import { ReaderPool } from './pool';

let srv: TestServer;
let task: string;
let other: string;
let model: string;
let project: string;

beforeAll(async () => {
  srv = await startTestServer({ readerThreads: 1 });
  project = (await srv.client.call('projects.create', { name: 'answers', description: '' })).id;
  task = (await srv.client.call('tasks.create', { name: 'first <b>', type: 'training', project })).id;
  other = (await srv.client.call('tasks.create', { name: 'second', type: 'testing', project })).id;
  model = (await srv.client.call('models.create', { name: 'model', uri: 'file:///m.bin', project, ready: false })).id;
  for (const t of [task, other]) {
    await srv.client.call('tasks.edit_hyper_params', {
      task: t,
      hyperparams: [{ section: 'Args', name: t === task ? 'lr' : 'batch', value: '0.1' }],
    });
    await srv.client.call('tasks.started', { task: t });
  }
  const events: Record<string, unknown>[] = [];
  for (const [owner, extra] of [
    [task, {}],
    [other, {}],
    [model, { model_event: true }],
  ] as const) {
    for (let i = 0; i < 3000; i++) {
      for (const variant of ['train', 'val "quoted"', 'ünïcode ✓']) {
        // Values that stringify in many ways: fractions, exponents, negatives and -0.
        const value = i === 7 ? -0 : Math.sin(i / 37) * 10 ** ((i % 7) - 3);
        events.push({
          type: 'training_stats_scalar',
          task: owner,
          metric: 'loss',
          variant,
          iter: i,
          value,
          timestamp: 1e12 + i,
          ...extra,
        });
      }
      events.push({
        type: 'training_stats_scalar',
        task: owner,
        metric: 'acc',
        variant: 'top1',
        iter: i * 2,
        value: i / 3000,
        timestamp: 1e12 + i,
        ...extra,
      });
    }
    events.push({
      type: 'training_stats_scalar',
      task: owner,
      metric: 'Summary',
      variant: 'best',
      iter: SINGLE_VALUE_ITERATION,
      value: 0.97,
      timestamp: 1e12,
      ...extra,
    });
    for (const iter of [1, 2, 3]) {
      for (const variant of ['a', 'b']) {
        events.push({
          type: 'training_debug_image',
          task: owner,
          metric: 'img',
          variant,
          iter,
          url: `http://x/${iter}${variant}.png`,
          ...extra,
        });
        events.push({
          type: 'training_stats_vector',
          task: owner,
          metric: 'vec',
          variant,
          iter,
          values: [iter, 0.5, -1e-9],
          ...extra,
        });
      }
      events.push({
        type: 'plot',
        task: owner,
        metric: 'roc',
        variant: 'train',
        iter,
        plot_str: `{"data":[{"x":[${iter},2],"name":"<i>ö</i>"}]}`,
        ...extra,
      });
    }
  }
  // Names that read as integers: JSON objects list such keys first, in numeric order (listSeries sorts text).
  for (const [metric, variant] of [
    ['9', 'b'],
    ['9', '10'],
    ['9', '9'],
    ['10', 'a'],
  ])
    for (let i = 0; i < 50; i++)
      events.push({ type: 'training_stats_scalar', task, metric, variant, iter: i, value: i / 7, timestamp: 1e12 + i });
  for (let from = 0; from < events.length; from += 5000)
    await srv.client.call('events.add_batch', events.slice(from, from + 5000));
  await srv.store.events.addLogs(
    Array.from({ length: 300 }, (_, e) => ({
      task,
      timestamp: 1e12 + e,
      level: 'info',
      worker: 'w',
      msg: Array.from({ length: 100 }, (_, i) => `line ${e * 100 + i} ✓`).join('\n'),
    })),
  );
}, 180_000);

afterAll(() => srv?.stop());

/** An answer's status and its `data` as sent: the text after the meta, byte for byte. */
async function call(name: string, body: unknown): Promise<{ status: number; data: string; msg: string }> {
  const res = await fetch(`${srv.url}/api/v2.23/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.client.token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const envelope = JSON.parse(text) as { meta: { result_msg: string } };
  const head = `{"meta":${JSON.stringify(envelope.meta)},"data":`;
  expect(text.startsWith(head) && text.endsWith('}'), `${name}: the envelope is {meta, data}`).toBe(true);
  return { status: res.status, data: text.slice(head.length, -1), msg: envelope.meta.result_msg };
}

/** Calls with the reader pool and then without it; the second is the inline path every server had. */
async function bothWays(name: string, body: unknown) {
  const pool = srv.runtime.readers!;
  const runJson = vi.spyOn(pool, 'runJson');
  try {
    const pooled = await call(name, body);
    expect(runJson, `${name} went to a reader thread`).toHaveBeenCalled();
    srv.runtime.readers = undefined;
    const inline = await call(name, body);
    return { pooled, inline };
  } finally {
    runJson.mockRestore();
    srv.runtime.readers = pool;
  }
}

it('answers each moved endpoint with the same bytes with and without reader threads', async () => {
  const cases: [string, Record<string, unknown>][] = [
    ['events.scalar_metrics_iter_histogram', { task, samples: 500 }],
    ['events.scalar_metrics_iter_histogram', { task, samples: 200, x_min: 100, x_max: 2500, band: true, key: 'iter' }],
    ['events.scalar_metrics_iter_histogram', { task: model, model_events: true, key: 'iso_time' }],
    ['events.multi_task_scalar_metrics_iter_histogram', { tasks: [task, other], samples: 300, key: 'timestamp' }],
    ['events.get_task_events', { task, batch_size: 2000 }],
    ['events.get_task_events', { task, event_type: 'plot', order: 'desc' }],
    ['events.get_task_events', { task: model, model_events: true, batch_size: 50 }],
    ['events.get_scalar_metric_data', { task, metric: 'loss' }],
    [
      'events.scalar_metrics_iter_raw',
      { task, metric: { metric: 'loss', variants: ['train'] }, key: 'iso_time', count_total: true },
    ],
    ['events.get_task_latest_scalar_values', { task }],
    ['events.get_task_plots', { task, iters: 2 }],
    ['events.get_task_single_value_metrics', { tasks: [task, other] }],
    ['events.vector_metrics_iter_histogram', { task, metric: 'vec', variant: 'a' }],
    ['events.debug_images', { metrics: [{ task }, { task: other, metric: 'img' }], iters: 2 }],
    ['events.plots', { metrics: [{ task }] }],
    ['events.get_multi_task_plots', { tasks: [task, other], iters: 2 }],
    ['events.get_debug_image_sample', { task, metric: 'img', variant: 'b', iteration: 2 }],
    ['events.get_plot_sample', { task, metric: 'roc' }],
    ['tasks.get_all', { page_size: 1000, order_by: ['-name'], count_total: true }],
    [
      'tasks.get_all_ex',
      { page: 0, page_size: 1000, only_fields: ['id', 'name', 'project.name', 'hyperparams'], project: [project] },
    ],
    // Shorter pages of whole tasks, or of their large parts, go to a reader too.
    ['tasks.get_all', { page_size: 100 }],
    ['tasks.get_all_ex', { page: 0, page_size: 100, only_fields: ['id', 'script.diff'], project: [project] }],
    ['projects.get_task_tags', { include_system: true }],
    ['projects.get_model_tags', { projects: [project] }],
    ['workers.get_activity_report', { from_date: 1, to_date: 1e6, interval: 60 }],
    // Failures cross the thread with their code and message.
    ['events.get_task_events', { task: 'no-such-task' }],
    ['events.get_multi_task_plots', { tasks: [task, 'no-such-task'] }],
  ];
  for (const [name, body] of cases) {
    const { pooled, inline } = await bothWays(name, body);
    const what = `${name} ${JSON.stringify(body)}`;
    expect(pooled.status, what).toBe(inline.status);
    expect(pooled.msg, what).toBe(inline.msg);
    expect(pooled.data, what).toBe(inline.data);
  }
  // The inputs were chosen so that the answers say something.
  const chart = JSON.parse((await call('events.scalar_metrics_iter_histogram', { task, samples: 500 })).data);
  expect(chart.loss['ünïcode ✓'].x.length).toBe(500);
  const list = JSON.parse(
    (await call('tasks.get_all_ex', { page_size: 1000, only_fields: ['project.name'], project: [project] })).data,
  );
  expect(list.tasks[0].project).toEqual({ id: project, name: 'answers' });
  expect((await call('events.get_task_events', { task: 'no-such-task' })).status).toBe(400);
}, 120_000);

it("answers a short page of the table's columns inline, and one asking for whole parameters on a reader", async () => {
  const runJson = vi.spyOn(srv.runtime.readers!, 'runJson');
  try {
    const columns = ['id', 'name', 'status', 'hyperparams.Args.lr.value', 'last_metrics.abc.def.value'];
    expect((await call('tasks.get_all_ex', { page: 0, page_size: 100, only_fields: columns })).status).toBe(200);
    expect((await call('tasks.get_all_ex', { page: 0, page_size: 99, only_fields: ['id', 'hyperparams'] })).status).toBe(200);
    expect(runJson).not.toHaveBeenCalled();
    expect((await call('tasks.get_all_ex', { page: 0, page_size: 100, only_fields: ['id', 'hyperparams'] })).status).toBe(200);
    expect(runJson).toHaveBeenCalledTimes(1);
  } finally {
    runJson.mockRestore();
  }
});

it('steps through samples the same way with and without reader threads', async () => {
  for (const [get, next, body] of [
    ['events.get_debug_image_sample', 'events.next_debug_image_sample', { task, metric: 'img', variant: 'a' }],
    ['events.get_plot_sample', 'events.next_plot_sample', { task, metric: 'roc' }],
  ] as const) {
    const first = JSON.parse((await call(get, body)).data) as { scroll_id: string };
    const { pooled, inline } = await bothWays(next, { task, scroll_id: first.scroll_id, navigate_earlier: true });
    expect(pooled.data).toBe(inline.data);
    expect(JSON.parse(pooled.data)).toHaveProperty('min_iteration', 1);
  }
});

it('downloads the same console with and without reader threads', async () => {
  const download = async () => {
    const res = await fetch(`${srv.url}/api/v2.23/events.download_task_log`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.client.token}` },
      body: JSON.stringify({ task }),
    });
    return res.text();
  };
  const pool = srv.runtime.readers!;
  const run = vi.spyOn(pool, 'run');
  const pooled = await download();
  // For the caller: the test client's user.
  expect(run).toHaveBeenCalledWith('logTextChunk', expect.anything(), expect.stringMatching(/^[0-9a-f]{32}$/));
  run.mockRestore();
  srv.runtime.readers = undefined;
  try {
    expect(pooled).toBe(await download());
  } finally {
    srv.runtime.readers = pool;
  }
  expect(pooled.split('\n')).toHaveLength(30_001);
  expect(pooled.startsWith('line 0 ✓\nline 1 ✓\n')).toBe(true);
});

it('splits a chart over two reader threads, a series a job, and answers the same bytes as one job or none', async () => {
  const one = srv.runtime.readers!;
  const two = new ReaderPool({ dataDir: srv.dataDir, databaseUrl: srv.config.databaseUrl }, 2);
  const runJson = vi.spyOn(two, 'runJson');
  try {
    for (const [name, body] of [
      ['events.scalar_metrics_iter_histogram', { task, samples: 500 }],
      ['events.scalar_metrics_iter_histogram', { task, samples: 200, x_min: 100, x_max: 2500, band: true }],
      ['events.multi_task_scalar_metrics_iter_histogram', { tasks: [task, other], samples: 300, key: 'timestamp' }],
      ['events.scalar_metrics_iter_histogram', { task: 'no-such-task' }],
    ] as const) {
      const what = `${name} ${JSON.stringify(body)}`;
      runJson.mockClear();
      srv.runtime.readers = two;
      const split = await call(name, body);
      srv.runtime.readers = one;
      const whole = await call(name, body);
      srv.runtime.readers = undefined;
      const inline = await call(name, body);
      srv.runtime.readers = one;
      expect(split.status, what).toBe(inline.status);
      expect(split.data, what).toBe(inline.data);
      expect(whole.data, what).toBe(inline.data);
      if (split.status !== 200) continue;
      const series = await srv.store.events.listSeries('tasks' in body ? [...body.tasks] : [body.task]);
      expect(
        runJson.mock.calls.map(([job]) => job),
        what,
      ).toEqual(series.map(() => 'namedSeries'));
    }
    // The integer-like names came first, and both threads took series.
    const chart = JSON.parse((await call('events.scalar_metrics_iter_histogram', { task, samples: 500 })).data);
    expect(Object.keys(chart)).toEqual(['9', '10', 'Summary', 'acc', 'loss']);
    expect(Object.keys(chart['9'])).toEqual(['9', '10', 'b']);
    const threads = (two as unknown as { threads: unknown[] }).threads;
    expect(threads.every((t) => t !== undefined)).toBe(true);
  } finally {
    srv.runtime.readers = one;
    await two.close();
  }
}, 120_000);
