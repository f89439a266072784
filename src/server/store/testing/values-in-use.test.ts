/**
 * The task types and users in use (tasks.get_types, projects.get_user_names) and the models' users, read from
 * their indexes on SQLite and (in the postgres project) PostgreSQL. Expected lists are written out from the rows
 * inserted here; values are lower-case ASCII so that both databases' collations order them alike.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../store';
import { makeModel, makeTask, openTestStore } from './test-store';

let store: Store;
let remove: () => Promise<void>;

const model = (id: string, project: string, user: string) => makeModel({ id, project, user });

beforeAll(async () => {
  ({ store, remove } = await openTestStore());
  await store.tasks.insert(makeTask({ id: 't1', project: 'p1', type: 'training', user: 'bob' }));
  await store.tasks.insert(makeTask({ id: 't2', project: 'p1', type: 'testing', user: 'bob' }));
  await store.tasks.insert(makeTask({ id: 't3', project: 'p2', type: 'controller', user: 'ann', system_tags: ['archived'] }));
  await store.tasks.insert(makeTask({ id: 't4', project: 'p3', type: 'training', user: 'cat', system_tags: ['hidden'] }));
  await store.tasks.insert(makeTask({ id: 't5', project: null as unknown as string, type: 'qc', user: 'dan' }));
  await store.models.insert(model('m1', 'p1', 'eve'));
  await store.models.insert(model('m2', 'p2', 'bob'));
});
afterAll(() => remove?.());

it('lists every task type and user once, in order, archived, hidden and project-less tasks included', async () => {
  expect(await store.tasks.valuesInUse('type', undefined, 100)).toEqual(['controller', 'qc', 'testing', 'training']);
  expect(await store.tasks.valuesInUse('user', undefined, 100)).toEqual(['ann', 'bob', 'cat', 'dan']);
});

it("lists only the given projects' values, and none for no project", async () => {
  expect(await store.tasks.valuesInUse('type', ['p1'], 100)).toEqual(['testing', 'training']);
  expect(await store.tasks.valuesInUse('type', ['p2', 'p3'], 100)).toEqual(['controller', 'training']);
  expect(await store.tasks.valuesInUse('user', ['p2', 'p3'], 100)).toEqual(['ann', 'cat']);
  expect(await store.tasks.valuesInUse('user', ['nowhere'], 100)).toEqual([]);
  expect(await store.tasks.valuesInUse('user', [], 100)).toEqual([]);
});

it('stops at the limit, from the start of the order', async () => {
  expect(await store.tasks.valuesInUse('type', undefined, 2)).toEqual(['controller', 'qc']);
  expect(await store.tasks.valuesInUse('type', ['p1', 'p2'], 2)).toEqual(['controller', 'testing']);
});

it("follows a task's move and deletion", async () => {
  const t2 = (await store.tasks.get('t2'))!;
  await store.tasks.update({ ...t2, project: 'p3' });
  expect(await store.tasks.valuesInUse('type', ['p1'], 100)).toEqual(['training']);
  await store.tasks.delete('t3');
  expect(await store.tasks.valuesInUse('user', undefined, 100)).toEqual(['bob', 'cat', 'dan']);
});

it("lists the models' users apart from the tasks'", async () => {
  expect(await store.models.usersInUse(undefined, 100)).toEqual(['bob', 'eve']);
  expect(await store.models.usersInUse(['p1'], 100)).toEqual(['eve']);
  expect(await store.models.usersInUse(['p3'], 100)).toEqual([]);
});
