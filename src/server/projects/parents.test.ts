/**
 * projects.get_task_parents as ClearML answers it (projects.conf 2.12-2.25): the distinct parents of the tasks of
 * the given projects (sub-projects included unless told not) or of all, of the active tasks unless tasks_state says
 * otherwise (null: every task), their names matching task_name; each with its project, sorted by name. And the
 * task table's filter by several parents (tasks.get_all_ex `parent` as a list).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
const ids: Record<string, string> = {};
let fam: string;
let sub: string;
let other: string;

beforeAll(async () => {
  srv = await startTestServer();
  const project = async (name: string) => (await srv.client.call('projects.create', { name })).id;
  fam = await project('fam');
  sub = await project('fam/sub');
  other = await project('other');
  const task = async (name: string, project: string, parent?: string) =>
    (ids[name] = (await srv.client.call('tasks.create', { name, type: 'training', project, ...(parent ? { parent } : {}) })).id);
  await task('hpo controller', fam);
  await task('zeta parent', other);
  await task('archived parent', other);
  await task('c1', fam, ids['hpo controller']);
  await task('c2', sub, ids['hpo controller']);
  await task('c3', fam, ids['zeta parent']);
  await task('c4', fam, ids['archived parent']);
  await srv.client.call('tasks.archive', { tasks: [ids.c4] });
});
afterAll(() => srv?.stop());

const names = async (body: Record<string, unknown>) =>
  (await srv.client.call('projects.get_task_parents', body)).parents.map((p) => p.name);

it("lists the active tasks' parents of a project and its sub-projects, each with its project, by name", async () => {
  expect((await srv.client.call('projects.get_task_parents', { projects: [fam] })).parents).toEqual([
    { id: ids['hpo controller'], name: 'hpo controller', project: { id: fam, name: 'fam' } },
    { id: ids['zeta parent'], name: 'zeta parent', project: { id: other, name: 'other' } },
  ]);
  expect(await names({ projects: [sub] })).toEqual(['hpo controller']);
  expect(await names({ projects: [other] })).toEqual([]);
});

it('lists the archived tasks’ parents, or every task’s, and only names matching task_name', async () => {
  expect(await names({ projects: [fam], tasks_state: 'archived' })).toEqual(['archived parent']);
  expect(await names({ tasks_state: null })).toEqual(['archived parent', 'hpo controller', 'zeta parent']);
  expect(await names({})).toEqual(['hpo controller', 'zeta parent']);
  expect(await names({ task_name: '^zeta' })).toEqual(['zeta parent']);
  await expect(srv.client.call('projects.get_task_parents', { task_name: '(' })).rejects.toMatchObject({ code: 400 });
});

it('leaves sub-projects out when told', async () => {
  await srv.client.call('tasks.create', { name: 'c5', type: 'training', project: sub, parent: ids['zeta parent'] });
  expect(await names({ projects: [sub] })).toEqual(['hpo controller', 'zeta parent']);
  expect(await names({ projects: [fam], include_subprojects: false })).toEqual(['hpo controller', 'zeta parent']);
  await srv.client.call('tasks.delete', { task: ids.c3, force: true });
  expect(await names({ projects: [fam], include_subprojects: false })).toEqual(['hpo controller']);
});

it('filters the task list by several parents', async () => {
  const r = await srv.client.call('tasks.get_all_ex', {
    parent: [ids['hpo controller'], ids['archived parent']],
    system_tags: [],
    order_by: ['name'],
    only_fields: ['name'],
  });
  expect(r.tasks.map((t) => t.name)).toEqual(['c1', 'c2', 'c4']);
  const one = await srv.client.call('tasks.get_all_ex', { parent: ids['zeta parent'], only_fields: ['name'] });
  expect(one.tasks.map((t) => t.name)).toEqual(['c5']);
  const none = await srv.client.call('tasks.get_all_ex', { parent: '', project: [sub], only_fields: ['name'] });
  expect(none.tasks.map((t) => t.name).sort()).toEqual(['c2', 'c5']);
});
