/**
 * Deleting a batch of tasks at once (`tasks.deleteMany`, `events.deleteForTasks`), on SQLite and (in the postgres
 * project) PostgreSQL. What the kept totals say afterwards (task counts and run time per project and status,
 * hyperparameters, tags and metric series in use) is compared with a second store that was only ever given the
 * tasks that remain, so the expectation does not come from the delete's own arithmetic.
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

const hp = (values: Record<string, string>) => ({
  Args: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { section: 'Args', name, value }])),
});

/** 30 tasks over two projects, in several states (running ones count their open run time), with tags and parameters. */
const TASKS: Task[] = Array.from({ length: 30 }, (_, i) => {
  const project = i % 3 === 0 ? 'p2' : 'p1';
  const status = (['created', 'completed', 'in_progress', 'failed'] as const)[i % 4];
  return makeTask({
    id: `t${String(i).padStart(2, '0')}`,
    project,
    status,
    started: status === 'created' ? null : `2026-01-01T0${i % 9}:00:00.000+00:00`,
    completed: status === 'completed' || status === 'failed' ? '2026-01-01T10:00:00.000+00:00' : null,
    tags: i % 5 === 0 ? ['only-deleted'] : ['kept', `tag${i % 4}`],
    system_tags: i % 7 === 0 ? ['archived'] : [],
    hyperparams: hp(i % 6 === 0 ? { lr: String(i), gone: 'x' } : { lr: String(i / 10) }),
  });
});
/** Every fifth task (those alone holding `only-deleted`), every sixth (those alone holding `gone`), and a few more. */
const DELETED = TASKS.filter((_, i) => i % 5 === 0 || i % 6 === 0 || i === 7 || i === 13).map((t) => t.id);
const KEPT = TASKS.filter((t) => !DELETED.includes(t.id));

async function record(s: Store, tasks: Task[]) {
  for (const t of tasks) await s.tasks.insert(t);
  await s.tasks.recordEvents(
    tasks.map((t) => ({
      id: t.id,
      lastUpdate: t.last_update,
      maxIter: 1,
      metrics: [
        {
          metric: Number(t.id.slice(1)) % 2 ? 'loss' : `only-${t.id}`,
          variant: 'train',
          value: 1,
          iter: 1,
          timestamp: 1,
          min_value: 1,
          min_value_iteration: 1,
          max_value: 1,
          max_value_iteration: 1,
          first_value: 1,
          first_value_iteration: 1,
          added: 1,
          total: 1,
        },
      ],
    })),
  );
  await s.events.addScalars(
    tasks.map((t) => ({ task: t.id, metric: 'loss', variant: 'train', iter: 1, value: 1, timestamp: 1 })),
  );
  await s.events.addLogs(tasks.map((t) => ({ task: t.id, timestamp: 1, level: 'info', worker: 'w', msg: `line of ${t.id}` })));
}

/** What the kept totals and lookups say, in a fixed order. */
async function totals(s: Store) {
  const byKey = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    counts: byKey(
      (await s.tasks.countByProjectAndStatus(undefined, true)).map((c) => ({
        project: c.project,
        status: c.status,
        count: c.count,
        // A running task's run time grows with the clock (to now): compared apart, within a minute.
        runtime: c.status === 'in_progress' ? 'running' : c.runtime,
      })),
    ),
    running: (await s.tasks.countByProjectAndStatus(undefined, true))
      .filter((c) => c.status === 'in_progress')
      .map((c) => ({ project: c.project, runtime: c.runtime ?? 0 }))
      .sort((a, b) => (a.project < b.project ? -1 : 1)),
    visible: await s.tasks.count({}),
    params: await s.tasks.paramNames(undefined, { offset: 0, limit: 100 }),
    paramsP2: await s.tasks.paramNames(['p2'], { offset: 0, limit: 100 }),
    tags: await s.tasks.tagsInUse(undefined, false, 100),
    systemTags: await s.tasks.tagsInUse(undefined, true, 100),
    series: (await s.tasks.metricSeries(undefined, 100)).map((m) => `${m.metric}/${m.variant}`),
    seriesP1: (await s.tasks.metricSeries(['p1'], 100)).map((m) => `${m.metric}/${m.variant}`),
  };
}

it('leaves the kept totals as if the deleted tasks had never been stored', async () => {
  await record(store, TASKS);
  await record(reference, KEPT);
  expect(DELETED.length).toBeGreaterThan(10);
  const before = await totals(store);
  expect(before.tags).toContain('only-deleted');

  await store.transaction((tx) => tx.tasks.deleteMany(DELETED));

  const { running, ...after } = await totals(store);
  const { running: runningThere, ...there } = await totals(reference);
  expect(after).toEqual(there);
  expect(running.map((r) => r.project)).toEqual(runningThere.map((r) => r.project));
  running.forEach((r, i) => expect(Math.abs(r.runtime - runningThere[i].runtime)).toBeLessThan(60));
  expect(after.tags).not.toContain('only-deleted');
  expect(after.params.names.map((n) => n.name)).toEqual(['lr']);
  expect((await store.tasks.query({ includeHidden: true })).map((t) => t.id).sort()).toEqual(KEPT.map((t) => t.id));
});

it("deletes the tasks' events and nobody else's, and says how many went", async () => {
  const some = KEPT.slice(0, 4).map((t) => t.id);
  const deleted = await store.events.deleteForTasks(some);
  // A scalar point (one chunk) and a console event each.
  expect(deleted).toBe(some.length * 2);
  expect(await store.events.listSeries(some)).toEqual([]);
  expect(await store.events.countLogs(some[0])).toBe(0);
  const others = KEPT.slice(4).map((t) => t.id);
  expect((await store.events.listSeries(others)).length).toBe(others.length);
  expect(await store.events.countLogs(others[0])).toBe(1);
  expect(await store.events.deleteForTasks([])).toBe(0);
});
