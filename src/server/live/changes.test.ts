import { expect, it } from 'vitest';
import { changesOf } from './changes';

const keys = (cs: { kind: string; id?: string }[]) => cs.map((c) => `${c.kind}:${c.id ?? ''}`).sort();

it('event calls announce nothing here: ingest announces what it stored (events/ingest.ts)', () => {
  expect(changesOf('events.add_batch', [{ task: 'T1', type: 'log' }], {})).toEqual([]);
  expect(changesOf('events.add', { task: 'T1', type: 'log' }, {})).toEqual([]);
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
