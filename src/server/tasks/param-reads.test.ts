/**
 * The SDK's reads of parameters and configuration (`Task.get_parameters` across tasks, `get_configuration_object`):
 * each task's parameters by section then name, its configuration items by name, and the names alone; hidden tasks too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let a: string;
let b: string;
let empty: string;

beforeAll(async () => {
  srv = await startTestServer();
  const c = srv.client;
  ({ id: a } = await c.call('tasks.create', {
    name: 'a',
    type: 'training',
    hyperparams: {
      General: {
        zeta: { section: 'General', name: 'zeta', value: '1' },
        alpha: { section: 'General', name: 'alpha', value: '2' },
      },
      Args: { lr: { section: 'Args', name: 'lr', value: '0.1' } },
    },
    configuration: {
      'model config': { name: 'model config', value: 'layers: 3', type: 'yaml' },
      augment: { name: 'augment', value: '{}', type: 'json' },
    },
  }));
  ({ id: b } = await c.call('tasks.create', {
    name: 'b',
    type: 'training',
    system_tags: ['hidden'],
    hyperparams: { Args: { batch: { section: 'Args', name: 'batch', value: '64' } } },
  }));
  ({ id: empty } = await c.call('tasks.create', { name: 'empty', type: 'training' }));
  // Metrics on a task do not show in, or change, what these calls answer.
  await c.call('events.add_batch', [
    { type: 'training_stats_scalar', task: a, metric: 'loss', variant: 'train', iter: 1, value: 0.5, timestamp: Date.now() },
  ]);
});
afterAll(() => srv?.stop());

it("answers each task's parameters by section, then name", async () => {
  const { params } = await srv.client.call('tasks.get_hyper_params', { tasks: [a, b] });
  const byTask = Object.fromEntries(params.map((p) => [p.task, p.hyperparams.map((h) => `${h.section}/${h.name}=${h.value}`)]));
  expect(byTask).toEqual({ [a]: ['Args/lr=0.1', 'General/alpha=2', 'General/zeta=1'], [b]: ['Args/batch=64'] });
});

it('answers configuration items by name, all or those named', async () => {
  const all = await srv.client.call('tasks.get_configurations', { tasks: [a] });
  expect(all.configurations[0].configuration.map((c) => [c.name, c.value])).toEqual([
    ['augment', '{}'],
    ['model config', 'layers: 3'],
  ]);
  const named = await srv.client.call('tasks.get_configurations', { tasks: [a], names: ['model config'] });
  expect(named.configurations[0].configuration.map((c) => c.name)).toEqual(['model config']);
});

it('answers the configuration names, leaving out tasks without any unless asked', async () => {
  const skip = await srv.client.call('tasks.get_configuration_names', { tasks: [a, b, empty] });
  expect(skip.configurations).toEqual([{ task: a, names: ['augment', 'model config'] }]);
  const keep = await srv.client.call('tasks.get_configuration_names', { tasks: [a, empty], skip_empty: false });
  expect(Object.fromEntries(keep.configurations.map((c) => [c.task, c.names]))).toEqual({
    [a]: ['augment', 'model config'],
    [empty]: [],
  });
});
