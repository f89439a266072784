/**
 * The upgrade that keeps task totals per user as well (for active_users): a store written before it counts each
 * user's tasks after it, from the tasks themselves, on either database.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../store';
import { storeBeforeStep, type Insert } from './store-before-step';

const CREATED = '2026-01-01T00:00:00.000+00:00';

function taskRow(id: string, user: string, status: string, extra: { started?: string; completed?: string; archived?: 1 } = {}) {
  const { archived, ...times } = extra;
  const doc = {
    id,
    name: id,
    type: 'training',
    status,
    user,
    project: 'p1',
    created: CREATED,
    last_update: CREATED,
    last_iteration: 0,
    tags: [],
    system_tags: archived ? ['archived'] : [],
    ...times,
  };
  return {
    id,
    name: id,
    project: 'p1',
    type: 'training',
    status,
    user,
    created: CREATED,
    last_update: CREATED,
    last_iteration: 0,
    doc: JSON.stringify(doc),
    ...times,
    ...(archived ? { archived, system_tags: JSON.stringify(['archived']) } : {}),
  };
}

/** What the release before the step held: tasks of two users, and totals that were kept without the user. */
async function seedOld(insert: Insert) {
  await insert('tasks', taskRow('a1', 'u1', 'completed', { started: CREATED, completed: '2026-01-01T00:01:40.000+00:00' }));
  await insert('tasks', taskRow('a2', 'u1', 'created'));
  await insert('tasks', taskRow('b1', 'u2', 'completed', { started: CREATED, completed: '2026-01-01T00:00:10.000+00:00' }));
  await insert('tasks', taskRow('b2', 'u2', 'created', { archived: 1 }));
  // A stale total: the step recounts from the tasks rather than trusting it.
  await insert('task_counts', { project: 'p1', status: 'completed', hidden: 0, archived: 0, n: 99 });
}

let store: Store;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, close } = await storeBeforeStep(
    { sqlite: 'CREATE TABLE task_counts_by_user', postgres: 'ALTER TABLE task_counts ADD COLUMN "user"' },
    seedOld,
  ));
});
afterAll(() => close?.());

const counts = async (includeArchived: boolean, users?: string[]) =>
  Object.fromEntries(
    (await store.tasks.countByProjectAndStatus(['p1'], includeArchived, users)).map((c) => [
      c.status,
      [c.count, Math.round(c.runtime ?? 0)],
    ]),
  );

it("counts each user's tasks and compute time from the tasks, and all of them without users", async () => {
  expect(await counts(false, ['u1'])).toEqual({ completed: [1, 100], created: [1, 0] });
  expect(await counts(true, ['u2'])).toEqual({ completed: [1, 10], created: [1, 0] });
  expect(await counts(false, ['u2'])).toEqual({ completed: [1, 10] });
  expect(await counts(false)).toEqual({ completed: [2, 110], created: [1, 0] });
  expect(await store.tasks.count({ projects: ['p1'], users: ['u2'] })).toBe(2);
});

it('keeps the migrated totals current as tasks change', async () => {
  const [a2] = await store.tasks.getMany(['a2']);
  await store.tasks.update({ ...a2, status: 'queued' });
  expect(await counts(false, ['u1'])).toEqual({ completed: [1, 100], queued: [1, 0] });
  await store.tasks.deleteMany(['a1']);
  expect(await counts(false, ['u1'])).toEqual({ queued: [1, 0] });
  expect(await counts(false)).toEqual({ completed: [1, 10], queued: [1, 0] });
});
