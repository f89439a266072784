/**
 * The tags in use (projects.get_task_tags, projects.get_model_tags), read from the tag tables on SQLite and (in the
 * postgres project) PostgreSQL: across every project by skipping through the tag index, within projects from
 * their rows. Expected lists are written out from the rows inserted here. Tags are lower-case ASCII so that both
 * databases' collations order them alike.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../store';
import { makeModel, makeTask, openTestStore } from './test-store';

let store: Store;
let remove: () => Promise<void>;

const model = (id: string, project: string, tags: string[], system_tags: string[] = []) =>
  makeModel({ id, project, tags, system_tags });

beforeAll(async () => {
  ({ store, remove } = await openTestStore());
  await store.tasks.insert(makeTask({ id: 't1', project: 'p1', tags: ['beta', 'alpha'], system_tags: ['archived'] }));
  await store.tasks.insert(makeTask({ id: 't2', project: 'p1', tags: ['beta'] }));
  await store.tasks.insert(makeTask({ id: 't3', project: 'p2', tags: ['delta', 'gamma'], system_tags: ['hidden'] }));
  await store.tasks.insert(makeTask({ id: 't4', project: 'p3', tags: [] }));
  await store.models.insert(model('m1', 'p1', ['best', 'alpha'], ['pinned']));
  await store.models.insert(model('m2', 'p2', ['zeta']));
});
afterAll(() => remove?.());

it("lists every project's task tags once each, in order", async () => {
  expect(await store.tasks.tagsInUse(undefined, false, 100)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  expect(await store.tasks.tagsInUse(undefined, true, 100)).toEqual(['archived', 'hidden']);
});

it('stops at the limit, from the start of the order', async () => {
  expect(await store.tasks.tagsInUse(undefined, false, 2)).toEqual(['alpha', 'beta']);
  expect(await store.tasks.tagsInUse(['p1', 'p2'], false, 3)).toEqual(['alpha', 'beta', 'delta']);
});

it("lists the tags of the given projects' tasks only", async () => {
  expect(await store.tasks.tagsInUse(['p1'], false, 100)).toEqual(['alpha', 'beta']);
  expect(await store.tasks.tagsInUse(['p2', 'p3'], false, 100)).toEqual(['delta', 'gamma']);
  expect(await store.tasks.tagsInUse(['p2'], true, 100)).toEqual(['hidden']);
  expect(await store.tasks.tagsInUse(['p3'], false, 100)).toEqual([]);
  expect(await store.tasks.tagsInUse([], false, 100)).toEqual([]);
});

it("keeps models' tags apart from tasks'", async () => {
  expect(await store.models.tagsInUse(undefined, false, 100)).toEqual(['alpha', 'best', 'zeta']);
  expect(await store.models.tagsInUse(['p1'], false, 100)).toEqual(['alpha', 'best']);
  expect(await store.models.tagsInUse(undefined, true, 100)).toEqual(['pinned']);
});

it('lists only the tags of the tasks that meet a condition, over every project or some', async () => {
  expect(await store.tasks.tagsInUse(undefined, false, 100, { tags: { any: ['alpha'] } })).toEqual(['alpha', 'beta']);
  expect(await store.tasks.tagsInUse(undefined, false, 100, { tags: { none: ['beta'] } })).toEqual(['delta', 'gamma']);
  expect(await store.tasks.tagsInUse(['p1'], false, 100, { systemTags: { all: ['archived'] } })).toEqual(['alpha', 'beta']);
  expect(await store.tasks.tagsInUse(undefined, true, 100, { tags: { any: ['gamma'] } })).toEqual(['hidden']);
  expect(await store.models.tagsInUse(undefined, false, 100, { systemTags: { none: ['pinned'] } })).toEqual(['zeta']);
});

it('follows a change of tags and a deleted task', async () => {
  await store.tasks.insert(makeTask({ id: 't5', project: 'p3', tags: ['omega'] }));
  expect(await store.tasks.tagsInUse(undefined, false, 100)).toEqual(['alpha', 'beta', 'delta', 'gamma', 'omega']);
  const t3 = (await store.tasks.get('t3'))!;
  await store.tasks.update({ ...t3, tags: ['gamma'] });
  await store.tasks.delete('t5');
  expect(await store.tasks.tagsInUse(undefined, false, 100)).toEqual(['alpha', 'beta', 'gamma']);
});
