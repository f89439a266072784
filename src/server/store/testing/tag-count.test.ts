/**
 * The task count with a tag filter, on SQLite and (in the postgres project) PostgreSQL: read along
 * the tag when it is rarer than the filtered tasks, else over the tasks; both must agree with a
 * count made here from the tasks' own fields.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store, TaskQuery } from '../store';
import { makeTask, openTestStore } from './test-store';

let store: Store;
let remove: () => Promise<void>;

interface Spec {
  id: string;
  project: string;
  status: 'completed' | 'failed';
  tags: string[];
  archived: boolean;
}

const SPECS: Spec[] = Array.from({ length: 90 }, (_, i) => ({
  id: `t${String(i).padStart(2, '0')}`,
  project: i < 60 ? 'big' : i < 85 ? 'mid' : 'tiny',
  status: i % 3 ? 'completed' : 'failed',
  tags: [...(i % 5 === 0 ? ['sweep'] : []), ...(i % 2 ? ['odd'] : []), ...(i % 7 === 0 ? ['rare'] : [])],
  archived: i % 11 === 0,
}));

beforeAll(async () => {
  ({ store, remove } = await openTestStore());
  for (const s of SPECS)
    await store.tasks.insert(
      makeTask({ id: s.id, project: s.project, status: s.status, tags: s.tags, system_tags: s.archived ? ['archived'] : [] }),
    );
});
afterAll(() => remove?.());

it.each([
  [['sweep'], undefined],
  [['sweep'], ['big']],
  [['rare'], ['big', 'mid']],
  [['rare'], ['tiny']],
  [['odd'], ['big']],
  [['sweep', 'odd'], undefined],
  [['rare', 'sweep'], ['big']],
  [['nothing'], undefined],
])('counts tasks tagged %j in %j, with and without more filters', async (all, projects) => {
  const want = (statuses?: string[], unarchived = false) =>
    SPECS.filter(
      (s) =>
        all.every((t) => s.tags.includes(t)) &&
        (!projects || projects.includes(s.project)) &&
        (!statuses || statuses.includes(s.status)) &&
        (!unarchived || !s.archived),
    ).length;
  const q: TaskQuery = { projects, tags: { all } };
  expect(await store.tasks.count(q)).toBe(want());
  expect(await store.tasks.count({ ...q, statuses: ['failed'] })).toBe(want(['failed']));
  expect(await store.tasks.count({ ...q, systemTags: { none: ['archived'] } })).toBe(want(undefined, true));
});
