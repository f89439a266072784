/**
 * projects.get_all_ex's active_users (the web app's "My work"): only the projects where those users created the
 * project, a task or a model, with the projects above them, each counted over their tasks alone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../../client';
import { userClient } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let alice: { id: string; client: ApiClient };
let bob: { id: string; client: ApiClient };
const ids: Record<string, string> = {};

const project = async (c: ApiClient, name: string) => (await c.call('projects.create', { name })).id;
const task = async (c: ApiClient, name: string, projectId: string) =>
  (await c.call('tasks.create', { name, type: 'training', project: projectId })).id;

beforeAll(async () => {
  srv = await startTestServer();
  alice = await userClient(srv, 'alice', 'member');
  bob = await userClient(srv, 'bob', 'member');
  // The admin makes the tree's top and a project only bob's model is in; alice and bob share one.
  ids.team = await project(srv.client, 'team');
  ids.shared = await project(srv.client, 'team/shared');
  ids.modelsOnly = await project(srv.client, 'models-only');
  ids.adminOnly = await project(srv.client, 'admin-only');
  await task(srv.client, 'admin task', ids.adminOnly);
  ids.aliceEmpty = await project(alice.client, 'team/alice-empty');
  ids.aliceTask = await task(alice.client, 'alice done', ids.shared);
  await alice.client.call('tasks.started', { task: ids.aliceTask });
  await alice.client.call('tasks.completed', { task: ids.aliceTask });
  ids.bobRunning = await task(bob.client, 'bob running', ids.shared);
  await bob.client.call('tasks.started', { task: ids.bobRunning });
  ids.bobDraft = await task(bob.client, 'bob draft', ids.shared);
  await bob.client.call('models.create', { name: 'bob model', uri: 'file:///m', project: ids.modelsOnly });
});
afterAll(() => srv?.stop());

async function listFor(users?: string[]) {
  const { projects } = await srv.client.call('projects.get_all_ex', {
    include_stats: true,
    check_own_contents: true,
    order_by: ['name'],
    ...(users ? { active_users: users } : {}),
  });
  const nonZero = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));
  return Object.fromEntries(
    projects.map((p) => [
      p.name,
      { counts: nonZero(p.stats!.active!.status_count), own: p.own_tasks, last: p.stats!.active!.last_task_run },
    ]),
  );
}

it("lists the projects of a user's tasks, models and own projects, with the projects above them", async () => {
  expect(Object.keys(await listFor([alice.id]))).toEqual(['team', 'team/alice-empty', 'team/shared']);
  expect(Object.keys(await listFor([bob.id]))).toEqual(['models-only', 'team', 'team/shared']);
  expect(Object.keys(await listFor([alice.id, bob.id]))).toEqual(['models-only', 'team', 'team/alice-empty', 'team/shared']);
  expect(Object.keys(await listFor()).sort()).toEqual(
    ['admin-only', 'models-only', 'team', 'team/alice-empty', 'team/shared'].sort(),
  );
  expect(await listFor(['nobody'])).toEqual({});
  // An empty list filters nothing, as clearml-server reads it.
  expect(Object.keys(await listFor([])).sort()).toEqual(Object.keys(await listFor()).sort());
});

it("counts only the users' tasks, sub-projects included, and their last update", async () => {
  const a = await listFor([alice.id]);
  expect(a['team/shared']).toMatchObject({ counts: { completed: 1 }, own: 1 });
  expect(a.team).toMatchObject({ counts: { completed: 1 }, own: 0 });
  const aliceTask = (await srv.client.call('tasks.get_by_id', { task: ids.aliceTask })).task;
  expect(a['team/shared'].last).toBe(aliceTask.last_update);

  const b = await listFor([bob.id]);
  expect(b['team/shared']).toMatchObject({ counts: { in_progress: 1, created: 1 }, own: 2 });
  expect(b['models-only']).toMatchObject({ counts: {}, own: 0 });

  const all = await listFor();
  expect(all['team/shared']).toMatchObject({ counts: { completed: 1, in_progress: 1, created: 1 }, own: 3 });
});

it('follows a task moved, archived and deleted', async () => {
  await alice.client.call('tasks.move', { ids: [ids.aliceTask], project: ids.aliceEmpty });
  let a = await listFor([alice.id]);
  expect(a['team/shared']).toBeUndefined();
  expect(a['team/alice-empty']).toMatchObject({ counts: { completed: 1 }, own: 1 });
  expect((await listFor([bob.id]))['team/shared']).toMatchObject({ own: 2 });

  await bob.client.call('tasks.archive', { tasks: [ids.bobDraft] });
  expect((await listFor([bob.id]))['team/shared']).toMatchObject({ counts: { in_progress: 1 }, own: 1 });

  await alice.client.call('tasks.delete', { task: ids.aliceTask, force: true });
  a = await listFor([alice.id]);
  // Her own project stays hers, empty.
  expect(a).toEqual({
    team: expect.objectContaining({ counts: {} }),
    'team/alice-empty': expect.objectContaining({ counts: {}, own: 0 }),
  });
});

// Now read from the kept totals (user is part of their key); archived tasks left out as the table leaves them.
it("counts the task table's rows under a User filter", async () => {
  const count = (user: string) =>
    srv.client.call('tasks.get_all_ex', {
      project: [ids.shared],
      user: [user],
      system_tags: ['-archived'],
      only_fields: ['id'],
      size: 1,
      count_total: true,
    });
  expect((await count(bob.id)).total).toBe(1);
  expect((await count(alice.id)).total).toBe(0);
  expect((await srv.client.call('tasks.get_all_ex', { project: [ids.shared], user: [bob.id], count_total: true })).total).toBe(2);
});
