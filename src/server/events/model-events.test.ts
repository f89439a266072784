import { afterAll, beforeAll, expect, it } from 'vitest';
import { readTranscript } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let model: string;
let task: string;
/** OutputModel.report_scalar's batch as the SDK sent it (sdk-models-transcript seq 37), with our model's id. */
let recorded: Record<string, unknown>[];

beforeAll(async () => {
  srv = await startTestServer();
  task = (await srv.client.call('tasks.create', { name: 'maker', type: 'training' })).id;
  await srv.client.call('tasks.started', { task });
  model = (await srv.client.call('models.create', { name: 'rec model', uri: 'file:///w', ready: false, task })).id;
  const rec = readTranscript('sdk-models-transcript.jsonl').find((r) => r.seq === 37)!;
  recorded = (rec.request as Record<string, unknown>[]).map((e) => ({ ...e, task: model }));
});
afterAll(() => srv?.stop());

it('stores the SDK model scalars per model and reads them back as the web app asks', async () => {
  expect(recorded.every((e) => e.model_event === true)).toBe(true);
  expect(await srv.client.call('events.add_batch', recorded)).toMatchObject({ added: 2, errors: 0 });

  const hist = await srv.client.call('events.scalar_metrics_iter_histogram', {
    task: model,
    model_events: true,
    key: 'iter',
  });
  expect(hist.model_acc.val.x).toEqual([0, 1]);
  expect(hist.model_acc.val.y).toEqual([0.9, 0.95]);

  const metrics = await srv.client.call('events.get_task_metrics', {
    tasks: [model],
    event_type: 'training_stats_scalar',
    model_events: true,
  });
  expect(metrics.metrics).toEqual([{ task: model, metrics: ['model_acc'] }]);

  const m = (await srv.client.call('models.get_by_id', { model })).model;
  expect(m.last_iteration).toBe(1);
  const lm = Object.values(m.last_metrics ?? {}).flatMap((v) => Object.values(v));
  expect(lm).toEqual([
    expect.objectContaining({ metric: 'model_acc', variant: 'val', value: 0.95, min_value: 0.9, max_value: 0.95 }),
  ]);
});

it('keeps model events out of the task that made the model', async () => {
  const hist = await srv.client.call('events.scalar_metrics_iter_histogram', { task });
  expect(hist).toEqual({});
  await expect(srv.client.call('events.scalar_metrics_iter_histogram', { task: model })).rejects.toMatchObject({
    code: 400,
    subcode: 101,
  });
  await expect(srv.client.call('events.scalar_metrics_iter_histogram', { task, model_events: true })).rejects.toMatchObject({
    code: 400,
    subcode: 201,
  });
});

it('stores model plots, reads them with model_events, and takes `model` in place of `task`', async () => {
  const plot = {
    type: 'plot',
    task: 'ignored',
    model,
    model_event: true,
    iter: 3,
    metric: 'roc',
    variant: 'auc',
    plot_str: '{"data":[]}',
  };
  await srv.client.call('events.add_batch', [plot]);
  const plots = await srv.client.call('events.get_task_plots', {
    task: model,
    model_events: true,
    iters: 1,
  });
  expect(plots.plots.map((p) => p.metric)).toEqual(['roc']);
  expect(plots.plots[0].model_event).toBe(true);
});

it('refuses log events for models, unknown models, and a batch that mixes model and task events for one id', async () => {
  await expect(
    srv.client.call('events.add_batch', [{ type: 'log', task: model, model_event: true, msg: 'x' }]),
  ).rejects.toMatchObject({
    code: 400,
    subcode: 131,
  });
  await expect(
    srv.client.call('events.add_batch', [
      { type: 'training_stats_scalar', task: 'no-such-model', model_event: true, metric: 'a', variant: 'b', value: 1 },
    ]),
  ).rejects.toMatchObject({ code: 400, subcode: 131 });
  await expect(
    srv.client.call('events.add_batch', [
      { type: 'training_stats_scalar', task: model, model_event: true, metric: 'a', variant: 'b', value: 1 },
      { type: 'training_stats_scalar', task: model, metric: 'a', variant: 'b', value: 1 },
    ]),
  ).rejects.toMatchObject({ code: 400, subcode: 12 });
  const hist = await srv.client.call('events.scalar_metrics_iter_histogram', { task: model, model_events: true });
  expect(Object.keys(hist)).toEqual(['model_acc']);
});

it('refuses events for a published model unless allow_locked, and deletes them with the model', async () => {
  await srv.client.call('models.set_ready', { model });
  const ev = { type: 'training_stats_scalar', task: model, model_event: true, metric: 'late', variant: 'v', value: 1, iter: 5 };
  await expect(srv.client.call('events.add_batch', [ev])).rejects.toMatchObject({ code: 400, subcode: 131 });
  await srv.client.call('events.add_batch', [{ ...ev, allow_locked: true }]);
  const hist = await srv.client.call('events.scalar_metrics_iter_histogram', { task: model, model_events: true });
  expect(hist.late.v.y).toEqual([1]);

  await srv.client.call('models.delete', { model, force: true });
  // The model is gone, so the API cannot be asked any more: read the store.
  expect(await srv.store.events.listSeries([model])).toEqual([]);
  expect(await srv.store.events.queryEvents({ tasks: [model], type: 'plot' })).toEqual([]);
});
