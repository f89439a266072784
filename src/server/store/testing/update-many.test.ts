/**
 * Writing many changed tasks at once (`tasks.updateMany`), on SQLite and (in the postgres project) PostgreSQL.
 * The store afterwards (the tasks read back, their kept totals, tag and parameter rows) is compared with a second
 * store that was only ever given the tasks as they end, so the expectation does not come from the update's own
 * arithmetic.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task } from '../../../shared/api/records';
import type { Store } from '../store';
import { makeTask, openStorePair } from './test-store';

let store: Store;
let reference: Store;
let remove: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ store, reference, remove } = await openStorePair());
});
afterAll(() => remove?.());

type Params = Record<string, Record<string, string>>;
const hp = (sections: Params) =>
  Object.fromEntries(
    Object.entries(sections).map(([section, values]) => [
      section,
      Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { section, name, value }])),
    ]),
  );
/** Thirty parameters: a change of most of them rewrites the task's rows whole. */
const big = (value: (i: number) => string) => ({
  Big: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`b${i}`, value(i)])),
});

const started = (i: number) => `2026-01-01T0${i % 9}:00:00.000+00:00`;

/** 30 tasks over two projects, in several states, with tags and parameters (every fourth with thirty more). */
const TASKS: Task[] = Array.from({ length: 30 }, (_, i) => {
  const status = (['created', 'completed', 'in_progress', 'failed'] as const)[i % 4];
  const params: Params = { Args: i % 6 === 0 ? { lr: String(i), gone: 'x' } : { lr: String(i / 10) } };
  if (i % 4 === 0) Object.assign(params, big(String));
  return makeTask({
    id: `t${String(i).padStart(2, '0')}`,
    project: i % 3 === 0 ? 'p2' : 'p1',
    status,
    started: status === 'created' ? null : started(i),
    completed: status === 'completed' || status === 'failed' ? '2026-01-01T10:00:00.000+00:00' : null,
    tags: ['kept', `tag${i % 4}`],
    system_tags: i % 7 === 0 ? ['archived'] : [],
    hyperparams: hp(params),
  });
});

/** Each task as it ends: moved, started, ended later, retagged, archived or restored, its parameters changed, or only renamed. */
const FINAL: Task[] = TASKS.map((t, i) => {
  const next: Task = { ...t, name: `${t.name} renamed` };
  if (i % 3 === 0) next.project = 'p3';
  if (t.status === 'created' && i % 8 === 0) Object.assign(next, { status: 'in_progress', started: started(i) });
  // A completed task ending later: its group (which no task enters or leaves) runs longer, with the same count.
  if (i === 1) next.completed = '2026-01-01T12:00:00.000+00:00';
  if (i % 5 === 0) next.tags = ['retagged'];
  if (i % 7 === 0) next.system_tags = [];
  if (i === 11 || i === 23) next.system_tags = ['archived'];
  const params: Params = { Args: i % 6 === 0 ? { lr: String(i * 2), added: 'y' } : { lr: String(i / 10) } };
  // Most of the thirty changed (a rewrite of the whole), or a few of them (a change row by row).
  if (i % 4 === 0)
    Object.assign(
      params,
      big((k) => (i % 8 === 0 || k < 2 ? `v${k}` : String(k))),
    );
  next.hyperparams = hp(params) as Task['hyperparams'];
  return next;
});

/** What a store says of its tasks and totals, in a fixed order. */
async function state(s: Store) {
  const byKey = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  const ids = (q: Parameters<Store['tasks']['query']>[0]) =>
    s.tasks.query({ ...q, includeHidden: true }).then((r) => r.map((t) => t.id));
  const lr = 'hyperparams.Args.lr.value';
  return {
    tasks: byKey(
      (await s.tasks.query({ includeHidden: true, withMetrics: false })).map((t) => ({ ...t, last_metrics: undefined })),
    ),
    counts: byKey(
      (await s.tasks.countByProjectAndStatus(undefined, true)).map((c) => ({
        project: c.project,
        status: c.status,
        count: c.count,
        // A running task's run time grows with the clock (to now): compared by whether there is one.
        runtime: c.status === 'in_progress' ? (c.runtime ?? 0) > 0 : c.runtime,
      })),
    ),
    visible: await s.tasks.count({}),
    params: await s.tasks.paramNames(undefined, { offset: 0, limit: 100 }),
    paramsByProject: await Promise.all(['p1', 'p2', 'p3'].map((p) => s.tasks.paramNames([p], { offset: 0, limit: 100 }))),
    lrValues: await s.tasks.paramValues({ section: 'Args', name: 'lr' }, undefined, { offset: 0, limit: 100 }),
    bigValues: await s.tasks.paramValues({ section: 'Big', name: 'b5' }, ['p3'], { offset: 0, limit: 100 }),
    byLr: await ids({ orderBy: [{ field: lr, desc: true }] }),
    lrRange: await ids({ ranges: [{ field: lr, kind: 'number', gte: 1, lte: 20 }] }),
    tags: await s.tasks.tagsInUse(undefined, false, 100),
    tagsP3: await s.tasks.tagsInUse(['p3'], false, 100),
    retagged: await ids({ tags: { all: ['retagged'] } }),
    archived: await ids({ systemTags: { all: ['archived'] } }),
  };
}

it('leaves the store as if the tasks had been stored as they end', async () => {
  for (const t of TASKS) await store.tasks.insert(t);
  for (const t of FINAL) await reference.tasks.insert(t);
  expect(await state(store)).not.toEqual(await state(reference));

  // In two calls; the second names a task twice (an earlier version of it first) and one that is not there.
  await store.transaction((tx) => tx.tasks.updateMany(FINAL.slice(0, 20)));
  const earlier = { ...FINAL[25], name: 'not the last', project: 'p2', tags: ['earlier'] };
  const missing = makeTask({ id: 'not-stored', project: 'p1', tags: ['never'] });
  await store.transaction((tx) => tx.tasks.updateMany([earlier, ...FINAL.slice(20), missing]));

  expect(await state(store)).toEqual(await state(reference));
  expect(await store.tasks.get('not-stored')).toBeNull();
  expect((await store.tasks.tagsInUse(undefined, false, 100)).includes('never')).toBe(false);
});

it('writes nothing for an empty list, and one task as `update` does', async () => {
  await store.tasks.updateMany([]);
  const one = { ...FINAL[1], comment: 'once more' };
  await store.tasks.updateMany([one]);
  await reference.tasks.update(one);
  expect(await state(store)).toEqual(await state(reference));
});
