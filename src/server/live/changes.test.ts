import { expect, it } from 'vitest';
import { changesOf } from './changes';

const keys = (cs: { kind: string; id?: string }[]) => cs.map((c) => `${c.kind}:${c.id ?? ''}`).sort();

it('an event batch announces each task by the kinds of event it got, and a model event as its model', () => {
  const cs = changesOf(
    'events.add_batch',
    [
      { task: 'T1', type: 'training_stats_scalar' },
      { task: 'T1', type: 'training_stats_scalar' },
      { task: 'T1', type: 'log' },
      { task: 'T2', type: 'training_debug_image' },
      { task: 'T2', type: 'plot' },
      { task: 'ignored', model_event: true, model: 'M1', type: 'training_stats_scalar' },
      'not an event',
    ],
    {},
  );
  expect(keys(cs)).toEqual(['log:T1', 'model:M1', 'plots:T2', 'samples:T2', 'scalars:T1']);
});

it('task writes name their tasks; creating and enqueueing also change the lists and the queues', () => {
  expect(keys(changesOf('tasks.create', { name: 'x' }, { id: 'NEW' }))).toEqual(['task:NEW', 'tasks:']);
  expect(keys(changesOf('tasks.enqueue', { task: 'T1', queue: 'Q' }, {}))).toEqual(['queue:', 'task:T1', 'tasks:']);
  expect(keys(changesOf('tasks.edit', { task: 'T1', comment: 'c' }, {}))).toEqual(['task:T1']);
  expect(keys(changesOf('tasks.stop_many', { ids: ['A', 'B'] }, {}))).toEqual(['queue:', 'task:A', 'task:B']);
});

it('worker reports touch the queues page; account calls announce nothing', () => {
  expect(keys(changesOf('workers.status_report', { worker: 'w' }, {}))).toEqual(['queue:']);
  expect(changesOf('auth.create_credentials', {}, { credentials: { access_key: 'K' } })).toEqual([]);
});
