/**
 * projects.merge as ClearML answers it (projects.conf 2.13): the source's tasks and models into the destination, its
 * sub-projects (with theirs) under it, the source deleted; {moved_entities, moved_projects}. Refusals (the same
 * project, a destination inside the source, a sub-project name the destination holds) change nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer();
  for (const name of ['old', 'old/runs', 'old/runs/deep', 'old/clash', 'new', 'new/clash'])
    ids[name] = (await srv.client.call('projects.create', { name })).id;
});
afterAll(() => srv?.stop());

/** Every project's name, sorted. */
const names = async () =>
  (await srv.client.call('projects.get_all', { search_hidden: true, only_fields: ['name'] })).projects.map((p) => p.name).sort();

it('refuses the same project, a destination inside the source, and a name the destination holds, changing nothing', async () => {
  const before = await names();
  const merge = (project: string, destination_project: string) =>
    srv.client.call('projects.merge', { project, destination_project });
  await expect(merge(ids.old, ids.old)).rejects.toMatchObject({ subcode: 410 });
  await expect(merge(ids.old, ids['old/runs/deep'])).rejects.toMatchObject({ subcode: 412 });
  await expect(merge(ids.old, ids.new)).rejects.toMatchObject({ subcode: 405 });
  expect(await names()).toEqual(before);
});

it("moves the source's tasks, models and sub-projects into the destination, then deletes it", async () => {
  await srv.client.call('projects.delete', { project: ids['new/clash'] });
  const task = async (name: string, project: string) =>
    (await srv.client.call('tasks.create', { name, type: 'training', project })).id;
  const own = await task('own', ids.old);
  const archived = await task('archived', ids.old);
  await srv.client.call('tasks.archive', { tasks: [archived] });
  const deep = await task('deep', ids['old/runs/deep']);
  const { id: model } = await srv.client.call('models.create', { name: 'm', uri: 'file:///m.pt', project: ids.old });

  expect(await srv.client.call('projects.merge', { project: ids.old, destination_project: ids.new })).toEqual({
    moved_entities: 3,
    moved_projects: 2,
  });
  expect(await names()).toEqual(['new', 'new/clash', 'new/runs', 'new/runs/deep']);
  const projectOf = async (t: string) => (await srv.client.call('tasks.get_by_id', { task: t })).task.project;
  expect([await projectOf(own), await projectOf(archived)]).toEqual([ids.new, ids.new]);
  // A sub-project keeps its id and its tasks.
  expect(await projectOf(deep)).toBe(ids['old/runs/deep']);
  expect((await srv.client.call('models.get_by_id', { model })).model.project).toBe(ids.new);
  await expect(srv.client.call('projects.get_by_id', { project: ids.old })).rejects.toMatchObject({ subcode: 401 });
});
