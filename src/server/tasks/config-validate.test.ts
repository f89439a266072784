/**
 * tasks.delete_configuration (tasks.conf 2.9: the named configuration items of a Draft, or of a running task with
 * force; {deleted: n}) and tasks.validate (2.1: a tasks.create request checked as create checks it, nothing
 * stored). Refusals change nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let draft: string;

const config = (name: string) => ({ name, value: `${name}: 1`, type: 'yaml' });

beforeAll(async () => {
  srv = await startTestServer();
  draft = (
    await srv.client.call('tasks.create', {
      name: 'configured',
      type: 'training',
      configuration: { a: config('a'), b: config('b'), c: config('c') },
    })
  ).id;
});
afterAll(() => srv?.stop());

const names = async (task: string) => Object.keys((await srv.client.call('tasks.get_by_id', { task })).task.configuration).sort();

it("deletes a Draft's named configuration items, counting those it held", async () => {
  expect(await srv.client.call('tasks.delete_configuration', { task: draft, configuration: ['a', 'zzz', 'toString'] })).toEqual({
    deleted: 1,
  });
  expect(await names(draft)).toEqual(['b', 'c']);
  expect(await srv.client.call('tasks.delete_configuration', { task: draft, configuration: ['a'] })).toEqual({ deleted: 0 });
});

it('refuses a running task unless forced, and a finished one even then', async () => {
  await srv.client.call('tasks.started', { task: draft });
  await expect(srv.client.call('tasks.delete_configuration', { task: draft, configuration: ['b'] })).rejects.toMatchObject({
    code: 400,
  });
  expect(await names(draft)).toEqual(['b', 'c']);
  expect(await srv.client.call('tasks.delete_configuration', { task: draft, configuration: ['b'], force: true })).toEqual({
    deleted: 1,
  });
  await srv.client.call('tasks.completed', { task: draft });
  await expect(
    srv.client.call('tasks.delete_configuration', { task: draft, configuration: ['c'], force: true }),
  ).rejects.toMatchObject({ code: 400 });
  expect(await names(draft)).toEqual(['c']);
});

it('validates a task as tasks.create would, storing nothing', async () => {
  const count = async () => (await srv.client.call('tasks.get_all', { search_hidden: true, only_fields: ['id'] })).tasks.length;
  const before = await count();
  expect(await srv.client.call('tasks.validate', { name: 'would do', type: 'testing' })).toEqual({});
  await expect(
    srv.client.call('tasks.validate', { name: 'nowhere', type: 'testing', project: 'f'.repeat(32) }),
  ).rejects.toMatchObject({ subcode: 401 });
  await expect(srv.client.call('tasks.validate', { name: 'bad type', type: 'nonsense' as never })).rejects.toMatchObject({
    code: 400,
  });
  expect(await count()).toBe(before);
});
