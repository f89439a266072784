/**
 * projects.get_hyperparam_values (projects.conf 2.13-2.27): one hyperparameter's distinct values among the tasks of
 * the projects (sub-projects included unless told not) or of all, in order, a page of them with the total, those
 * matching `pattern`. A value longer than 200 characters is listed, and matched by tasks.get_all_ex, by its first 200.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let top: string;
let sub: string;
const LONG = 'x'.repeat(300);

beforeAll(async () => {
  srv = await startTestServer();
  top = (await srv.client.call('projects.create', { name: 'hp' })).id;
  sub = (await srv.client.call('projects.create', { name: 'hp/sub' })).id;
  const other = (await srv.client.call('projects.create', { name: 'other' })).id;
  const task = (name: string, project: string, opt?: string) =>
    srv.client.call('tasks.create', {
      name,
      type: 'training',
      project,
      ...(opt !== undefined ? { hyperparams: { Args: { opt: { section: 'Args', name: 'opt', value: opt } } } } : {}),
    });
  await task('a', top, 'adam');
  await task('b', top, 'sgd');
  await task('c', sub, 'adam');
  await task('d', sub, 'lamb');
  await task('e', sub);
  await task('f', other, 'rmsprop');
  await task('g', other, LONG);
});
afterAll(() => srv?.stop());

const values = (body: Record<string, unknown>) =>
  srv.client.call('projects.get_hyperparam_values', { section: 'Args', name: 'opt', ...body });

it("lists a project's values with its sub-projects', or only its own, or every task's", async () => {
  expect(await values({ projects: [top] })).toEqual({ total: 3, values: ['adam', 'lamb', 'sgd'] });
  expect(await values({ projects: [top], include_subprojects: false })).toEqual({ total: 2, values: ['adam', 'sgd'] });
  expect(await values({})).toEqual({ total: 5, values: ['adam', 'lamb', 'rmsprop', 'sgd', 'x'.repeat(200)] });
  expect(await values({ projects: [top], name: 'nothing' })).toEqual({ total: 0, values: [] });
});

it('pages through the values, and keeps those matching the pattern', async () => {
  expect(await values({ page: 0, page_size: 2 })).toEqual({ total: 5, values: ['adam', 'lamb'] });
  expect(await values({ page: 2, page_size: 2 })).toEqual({ total: 5, values: ['x'.repeat(200)] });
  expect(await values({ pattern: '^[a-m]' })).toEqual({ total: 2, values: ['adam', 'lamb'] });
  await expect(values({ pattern: '(' })).rejects.toMatchObject({ code: 400 });
});

it('a long value picked from the list keeps its task in the table filter', async () => {
  const { tasks } = await srv.client.call('tasks.get_all_ex', { 'hyperparams.Args.opt.value': [LONG.slice(0, 200)] });
  expect(tasks.map((t) => t.name)).toEqual(['g']);
  const withSub = await srv.client.call('tasks.get_all_ex', {
    project: [top],
    include_subprojects: true,
    'hyperparams.Args.opt.value': ['adam', null],
    order_by: ['name'],
  });
  expect(withSub.tasks.map((t) => t.name)).toEqual(['a', 'c', 'e']);
});
