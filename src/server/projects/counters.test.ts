/**
 * The projects page's counters (tasks by status, own tasks, compute time, last update) after each
 * kind of change to a task; the stats are read from kept totals, so each step checks they moved.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

interface Counters {
  active: Record<string, number>;
  archived: Record<string, number>;
  activeRuntime: number;
  archivedRuntime: number;
  lastRun: string | null;
  own: number;
}

/** The non-zero status counts, the compute times and the last update the projects page shows for `name`. */
async function counters(name: string): Promise<Counters> {
  const { projects } = await srv.client.call('projects.get_all_ex', { include_stats: true, check_own_contents: true });
  const p = projects.find((x) => x.name === name)!;
  const nonZero = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));
  return {
    active: nonZero(p.stats!.active!.status_count),
    archived: nonZero(p.stats!.archived!.status_count),
    activeRuntime: p.stats!.active!.total_runtime ?? NaN,
    archivedRuntime: p.stats!.archived!.total_runtime ?? NaN,
    lastRun: p.stats!.active!.last_task_run,
    own: p.own_tasks!,
  };
}

const lastUpdate = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task.last_update;

it('follow create, enqueue, a finished run, archive, move and delete', async () => {
  const { id: top } = await srv.client.call('projects.create', { name: 'counted' });
  const { id: sub } = await srv.client.call('projects.create', { name: 'counted/sub' });
  const { id: other } = await srv.client.call('projects.create', { name: 'elsewhere' });
  const create = async (name: string, project: string) =>
    (await srv.client.call('tasks.create', { name, type: 'training', project })).id;
  const t1 = await create('t1', top);
  const t2 = await create('t2', top);
  const t3 = await create('t3', top);
  const t4 = await create('t4', sub);
  expect(await counters('counted')).toEqual({
    active: { created: 4 },
    archived: {},
    activeRuntime: 0,
    archivedRuntime: 0,
    lastRun: await lastUpdate(t4),
    own: 3,
  });
  expect((await counters('counted/sub')).active).toEqual({ created: 1 });

  await srv.client.call('tasks.enqueue', { task: t1 });
  expect((await counters('counted')).active).toEqual({ created: 3, queued: 1 });
  expect((await counters('counted')).lastRun).toBe(await lastUpdate(t1));

  // t2 ran for an hour and a half; t3 for 20 seconds and failed.
  const ran = async (id: string, status: 'completed' | 'failed', started: string, completed: string) => {
    const t = (await srv.store.tasks.get(id))!;
    await srv.store.tasks.update({ ...t, status, started, completed, last_update: completed });
  };
  await ran(t2, 'completed', '2026-01-01T00:00:00.000+00:00', '2026-01-01T01:30:00.000+00:00');
  await ran(t3, 'failed', '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:20.000+00:00');
  expect(await counters('counted')).toMatchObject({
    active: { created: 1, queued: 1, completed: 1, failed: 1 },
    activeRuntime: 5420,
    lastRun: await lastUpdate(t1),
  });

  await srv.client.call('tasks.archive', { tasks: [t2] });
  expect(await counters('counted')).toMatchObject({
    active: { created: 1, queued: 1, failed: 1 },
    archived: { completed: 1 },
    activeRuntime: 20,
    archivedRuntime: 5400,
    // Own tasks are the active ones unless stats_for_state says otherwise (as ClearML counts them).
    own: 2,
  });
  const own = async (stats_for_state: 'active' | 'archived' | null) =>
    (await srv.client.call('projects.get_all_ex', { id: [top], check_own_contents: true, stats_for_state })).projects[0]
      .own_tasks;
  expect([await own('active'), await own('archived'), await own(null)]).toEqual([2, 1, 3]);

  await srv.client.call('tasks.move', { ids: [t1], project: other });
  expect(await counters('counted')).toMatchObject({ active: { created: 1, failed: 1 }, own: 1 });
  expect(await counters('elsewhere')).toMatchObject({ active: { queued: 1 }, own: 1, lastRun: await lastUpdate(t1) });

  await srv.client.call('tasks.delete', { task: t4 });
  expect(await counters('counted')).toMatchObject({
    active: { failed: 1 },
    archived: { completed: 1 },
    activeRuntime: 20,
    lastRun: '2026-01-01T00:00:20.000+00:00',
    own: 1,
  });
  expect(await counters('counted/sub')).toMatchObject({ active: {}, own: 0, lastRun: null });

  await srv.client.call('tasks.unarchive', { tasks: [t2] });
  expect(await counters('counted')).toMatchObject({
    active: { completed: 1, failed: 1 },
    archived: {},
    activeRuntime: 5420,
    archivedRuntime: 0,
    own: 2,
  });
});

it('count a running task up to now, stop when it ends, and follow a changed end', async () => {
  const { id: project } = await srv.client.call('projects.create', { name: 'live' });
  const { id } = await srv.client.call('tasks.create', { name: 'l', type: 'training', project });
  const t = (await srv.store.tasks.get(id))!;
  const started = new Date(Date.now() - 600_000).toISOString();
  await srv.store.tasks.update({ ...t, status: 'in_progress', started });
  const running = (await counters('live')).activeRuntime;
  expect(running).toBeGreaterThanOrEqual(600);
  expect(running).toBeLessThan(700);
  const completed = new Date(Date.parse(started) + 42_000).toISOString();
  await srv.store.tasks.update({ ...(await srv.store.tasks.get(id))!, status: 'completed', completed });
  expect(await counters('live')).toMatchObject({ active: { completed: 1 }, activeRuntime: 42 });
  // The same status and flags, another end: only the compute time moves.
  const later = new Date(Date.parse(started) + 50_000).toISOString();
  await srv.store.tasks.update({ ...(await srv.store.tasks.get(id))!, completed: later });
  expect(await counters('live')).toMatchObject({ active: { completed: 1 }, activeRuntime: 50 });
});

it('count the tasks completed in the last 24 hours, sub-projects included, not older or failed ones', async () => {
  const parent = (await srv.client.call('projects.create', { name: 'recent' })).id;
  const sub = (await srv.client.call('projects.create', { name: 'recent/sub' })).id;
  const run = async (project: string, end: 'completed' | 'failed' | 'published') => {
    const { id } = await srv.client.call('tasks.create', { name: `${end} run`, type: 'training', project });
    await srv.client.call('tasks.started', { task: id });
    await srv.client.call(end === 'failed' ? 'tasks.failed' : 'tasks.completed', {
      task: id,
      ...(end === 'published' ? { publish: true } : {}),
    });
    return id;
  };
  await run(parent, 'completed');
  await run(sub, 'completed');
  await run(parent, 'published');
  await run(parent, 'failed');
  // Completed two days ago.
  const old = await run(parent, 'completed');
  const t = (await srv.store.tasks.get(old))!;
  const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000).toISOString().replace('Z', '+00:00');
  await srv.store.tasks.update({ ...t, completed: twoDaysAgo, last_update: twoDaysAgo });
  // An archived one counts in the archived stats.
  await srv.client.call('tasks.archive', { tasks: [await run(parent, 'completed')] });
  const { projects } = await srv.client.call('projects.get_all_ex', { include_stats: true, id: [parent, sub] });
  const byName = Object.fromEntries(projects.map((p) => [p.name, p.stats]));
  expect(byName.recent?.active?.completed_tasks_24h).toBe(3);
  expect(byName.recent?.archived?.completed_tasks_24h).toBe(1);
  expect(byName['recent/sub']?.active?.completed_tasks_24h).toBe(1);
});
