import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/server';
import { DEMO_RUNS, generateDemo } from './generate';

let srv: TestServer;
let ids: Record<string, string>;
beforeAll(async () => {
  srv = await startTestServer();
  ids = await generateDemo(srv.client);
});
afterAll(() => srv?.stop());

it('creates nested projects and tasks in every state', async () => {
  const { projects } = await srv.client.call('projects.get_all', {});
  expect(projects.map((p) => p.name)).toEqual(
    expect.arrayContaining(['Demo', 'Demo/Vision', 'Demo/Vision/ResNet', 'Demo/NLP/Sentiment']),
  );
  const { tasks } = await srv.client.call('tasks.get_all', { id: Object.values(ids) });
  expect(new Set(tasks.map((t) => t.status))).toEqual(
    new Set(['created', 'queued', 'in_progress', 'completed', 'failed', 'stopped', 'published']),
  );
  expect(new Set(tasks.map((t) => t.type)).size).toBeGreaterThanOrEqual(4);
  expect(tasks).toHaveLength(DEMO_RUNS.length);
});

it('records scalars, plots of each kind, images, console, artifacts and a model', async () => {
  const id = ids['resnet50 baseline'];
  const h = await srv.client.call('events.scalar_metrics_iter_histogram', {
    task: id,
  });
  expect(h.loss.train.x).toHaveLength(300);
  const plots = await srv.client.call('events.get_task_plots', { task: id });
  const kinds = new Set(plots.plots.map((p) => JSON.parse(p.plot_str!).data[0].type));
  expect(kinds).toEqual(new Set(['bar', 'heatmap', 'scatter', 'table']));
  const images = await srv.client.call('events.debug_images', {
    metrics: [{ task: id }],
    iters: 5,
  });
  expect(images.metrics[0].iterations).toHaveLength(3);
  const png = await srv.client.download(images.metrics[0].iterations[0].events[0].url!);
  expect(png[1]).toBe(0x50);
  const log = await srv.client.call('events.get_task_log_lines', { task: id, count: 1 });
  expect(log.total_lines).toBeGreaterThan(50);
  const { task } = await srv.client.call('tasks.get_by_id', { task: id });
  expect(task.execution.artifacts.map((a) => a.key)).toEqual(['history', 'run summary']);
  expect(task.models.output).toHaveLength(1);
});
