/**
 * Names keep their case, as in clearml-server: the SDK finds its project by `^name$` and takes the first answer, and a
 * project's sub-projects are those under its own name, not under a name that differs only in case.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

const names = async (filter: Record<string, unknown>) =>
  (await srv.client.call('projects.get_all', { ...filter, order_by: ['name'] })).projects.map((p) => p.name);

it('finds a project by its exact name as the SDK asks, and a search ignores case only when it says (?i)', async () => {
  await srv.client.call('projects.create', { name: 'Vision' });
  expect(await names({ name: '^vision$' })).toEqual([]);
  // The SDK then creates its own, beside the other.
  await srv.client.call('projects.create', { name: 'vision' });
  expect(await names({ name: '^vision$' })).toEqual(['vision']);
  expect(await names({ name: '^Vision$' })).toEqual(['Vision']);
  expect(await names({ name: '(?i)^VISION$' })).toEqual(['Vision', 'vision']);
  expect(await names({ name: '(?i)(?i)^VISION$' })).toEqual(['Vision', 'vision']);
  // Flags inside a pattern are RE2's, not PostgreSQL's: there, a 400 naming the pattern, never a 500.
  const inside = await srv.client.call('projects.get_all', { name: '^V(?i)ISION$' }).then(
    (r) => r.projects.map((p) => p.name),
    (e: { code: number; detail: string }) => [e.code, /pattern/.test(e.detail)],
  );
  expect([['Vision'], [400, true]]).toContainEqual(inside);
  // The web app's search box (_any_) ignores case, as clearml-server's does.
  expect(await names({ _any_: { pattern: 'VISION', fields: ['name'] } })).toEqual(['Vision', 'vision']);
  expect(await names({ _any_: { pattern: '(?i)VISION', fields: ['name'] } })).toEqual(['Vision', 'vision']);
  const tasks = async (name: string) =>
    (await srv.client.call('tasks.get_all', { name, only_fields: ['name'] })).tasks.map((t) => t.name);
  await srv.client.call('tasks.create', { name: 'Train', type: 'training' });
  expect(await tasks('^train$')).toEqual([]);
  expect(await tasks('(?i)^train$')).toEqual(['Train']);
});

it('moves and deletes a project with its own sub-projects, not those of a name that differs in case', async () => {
  const upper = (await srv.client.call('projects.create', { name: 'Team' })).id;
  await srv.client.call('projects.create', { name: 'Team/a' });
  await srv.client.call('projects.create', { name: 'team/b' });
  await srv.client.call('projects.move', { project: upper, new_location: 'moved' });
  expect(await names({ name: '(?i)team' })).toEqual(['moved/Team', 'moved/Team/a', 'team', 'team/b']);
  await srv.client.call('projects.delete', { project: upper });
  expect(await names({ name: '(?i)team' })).toEqual(['team', 'team/b']);
});
