/**
 * tasks.get_types (tasks.conf 2.8: the types of the tasks of the given projects as given, or of all; sub-projects
 * with Taskdeck's include_subprojects) and
 * projects.get_user_names (projects.conf 2.26: the users who made the tasks, or models, under the projects, sub-projects
 * included unless told not; sorted by name). Both read from indexes on a reader thread.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { userClient } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let top: string;
let sub: string;
let other: string;
const users: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer();
  const project = async (name: string) => (await srv.client.call('projects.create', { name })).id;
  top = await project('top');
  sub = await project('top/sub');
  other = await project('other');
  const zoe = await userClient(srv, 'zoe', 'member');
  const adam = await userClient(srv, 'adam', 'member');
  users.zoe = zoe.id;
  users.adam = adam.id;
  await zoe.client.call('tasks.create', { name: 'z', type: 'testing', project: sub });
  await adam.client.call('models.create', { name: 'm', uri: 'file:///m.pt', project: other });
  await srv.client.call('tasks.create', { name: 'a', type: 'training', project: top });
  await srv.client.call('tasks.create', { name: 'b', type: 'controller', project: other });
});
afterAll(() => srv?.stop());

it('lists the types in use, of every task or of the projects given (their sub-projects added only when asked)', async () => {
  expect(await srv.client.call('tasks.get_types', {})).toEqual({ types: ['controller', 'testing', 'training'] });
  expect(await srv.client.call('tasks.get_types', { projects: [top] })).toEqual({ types: ['training'] });
  expect(await srv.client.call('tasks.get_types', { projects: [top, sub] })).toEqual({ types: ['testing', 'training'] });
  expect(await srv.client.call('tasks.get_types', { projects: ['f'.repeat(32)] })).toEqual({ types: [] });
  expect(await srv.client.call('tasks.get_types', { projects: [top], include_subprojects: true })).toEqual({
    types: ['testing', 'training'],
  });
});

it("lists who made a project's tasks, sub-projects included unless told not, by name", async () => {
  const me = (await srv.client.call('users.get_current_user', {})).user;
  expect(me.name.localeCompare('User zoe')).toBeLessThan(0);
  expect(await srv.client.call('projects.get_user_names', { projects: [top] })).toEqual({
    users: [
      { id: me.id, name: me.name },
      { id: users.zoe, name: 'User zoe' },
    ],
  });
  expect(await srv.client.call('projects.get_user_names', { projects: [top], include_subprojects: false })).toEqual({
    users: [{ id: me.id, name: me.name }],
  });
  expect((await srv.client.call('projects.get_user_names', {})).users.map((u) => u.id)).not.toContain(users.adam);
});

it('lists who made the models when asked', async () => {
  expect(await srv.client.call('projects.get_user_names', { entity: 'model' })).toEqual({
    users: [{ id: users.adam, name: 'User adam' }],
  });
  expect(await srv.client.call('projects.get_user_names', { projects: [top], entity: 'model' })).toEqual({ users: [] });
});
