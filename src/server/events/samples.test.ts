import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let task: string;

beforeAll(async () => {
  srv = await startTestServer();
  task = (await srv.client.call('tasks.create', { name: 'samples', type: 'training' })).id;
  await srv.client.call('tasks.started', { task });
  const events = [];
  for (const iter of [1, 2, 3]) {
    for (const variant of ['a', 'b']) {
      events.push({ type: 'training_debug_image', task, metric: 'img', variant, iter, url: `http://x/${iter}${variant}.png` });
    }
    events.push({ type: 'plot', task, metric: 'roc', variant: 'train', iter, plot_str: `{"i":${iter}}` });
    events.push({ type: 'plot', task, metric: 'roc', variant: 'val', iter, plot_str: '{}' });
  }
  // A second image at iteration 3, variant a: the newer one is shown.
  events.push({ type: 'training_debug_image', task, metric: 'img', variant: 'a', iter: 3, url: 'http://x/3a-newer.png' });
  events.push({ type: 'plot', task, metric: 'pr', variant: 'train', iter: 2, plot_str: '{}' });
  await srv.client.call('events.add_batch', events);
});
afterAll(() => srv?.stop());

it('shows the newest debug image of a variant and its iteration range, then steps through variants and iterations', async () => {
  const first = await srv.client.call('events.get_debug_image_sample', { task, metric: 'img', variant: 'a' });
  expect(first).toMatchObject({
    event: { iter: 3, variant: 'a', url: 'http://x/3a-newer.png' },
    min_iteration: 1,
    max_iteration: 3,
  });

  // Earlier from (3, a): no earlier variant at iteration 3, so the last variant of iteration 2.
  const prev = await srv.client.call('events.next_debug_image_sample', {
    task,
    scroll_id: first.scroll_id,
    navigate_earlier: true,
  });
  expect(prev.event).toMatchObject({ iter: 2, variant: 'b' });
  const back = await srv.client.call('events.next_debug_image_sample', {
    task,
    scroll_id: prev.scroll_id,
    navigate_earlier: false,
  });
  expect(back.event).toMatchObject({ iter: 3, variant: 'a' });

  // next_iteration keeps the variant.
  const it1 = await srv.client.call('events.next_debug_image_sample', {
    task,
    scroll_id: first.scroll_id,
    next_iteration: true,
  });
  expect(it1.event).toMatchObject({ iter: 2, variant: 'a' });
  const at1 = await srv.client.call('events.get_debug_image_sample', {
    task,
    metric: 'img',
    variant: 'b',
    iteration: 1,
  });
  expect(at1.event).toMatchObject({ iter: 1, variant: 'b', url: 'http://x/1b.png' });
  const none = await srv.client.call('events.next_debug_image_sample', {
    task,
    scroll_id: at1.scroll_id,
    navigate_earlier: true,
    next_iteration: true,
  });
  expect(none.event).toBeNull();
});

it('shows the plots of a metric at an iteration and steps through iterations, or across metrics when asked', async () => {
  const s = await srv.client.call('events.get_plot_sample', { task, metric: 'roc' });
  expect(s.events!.map((e) => [e.iter, e.variant])).toEqual([
    [3, 'train'],
    [3, 'val'],
  ]);
  expect([s.min_iteration, s.max_iteration]).toEqual([1, 3]);
  const prev = await srv.client.call('events.next_plot_sample', {
    task,
    scroll_id: s.scroll_id,
    navigate_earlier: true,
  });
  expect(prev.events!.map((e) => [e.metric, e.iter])).toEqual([
    ['roc', 2],
    ['roc', 2],
  ]);

  const across = await srv.client.call('events.get_plot_sample', {
    task,
    metric: 'roc',
    iteration: 2,
    navigate_current_metric: false,
  });
  const earlierMetric = await srv.client.call('events.next_plot_sample', {
    task,
    scroll_id: across.scroll_id,
    navigate_earlier: true,
  });
  expect(earlierMetric.events!.map((e) => [e.metric, e.iter])).toEqual([['pr', 2]]);
});

it('reads model samples with model_events and refuses an unknown owner', async () => {
  const model = (await srv.client.call('models.create', { name: 'm', uri: 'file:///m', ready: false })).id;
  await srv.client.call('events.add_batch', [
    { type: 'plot', task: model, model_event: true, metric: 'cm', variant: 'v', iter: 4, plot_str: '{}' },
  ]);
  const s = await srv.client.call('events.get_plot_sample', { task: model, metric: 'cm', model_events: true });
  expect(s.events!.map((e) => e.iter)).toEqual([4]);
  await expect(srv.client.call('events.get_plot_sample', { task: model, metric: 'cm' })).rejects.toMatchObject({
    code: 400,
    subcode: 101,
  });
});
