/**
 * projects.validate_delete as clearml-server counts (projects.conf 2.14/2.26, project_cleanup.py): the tasks and
 * models under the project and its sub-projects, archived or not; reports (tasks with the `reports` system tag)
 * apart from tasks; pipeline projects (system tag `pipeline`) as the pipelines whose controller is not archived,
 * dataset projects (system tag `dataset`) as the datasets holding a task not archived, neither in the plain counts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let top: string;
let sub: string;

beforeAll(async () => {
  srv = await startTestServer();
  const project = async (name: string, system_tags: string[] = []) =>
    (await srv.client.call('projects.create', { name, system_tags })).id;
  top = await project('work');
  sub = await project('work/sub');
  const pipes = await project('work/.pipelines/p1', ['hidden', 'pipeline']);
  const oldPipe = await project('work/.pipelines/p2', ['hidden', 'pipeline']);
  const data = await project('work/.datasets/d1', ['hidden', 'dataset']);
  await project('work/.datasets/empty', ['hidden', 'dataset']);
  await project('elsewhere');
  const task = async (name: string, project: string, extra: Record<string, unknown> = {}) =>
    (await srv.client.call('tasks.create', { name, project, type: 'training', ...extra })).id;
  await task('a', top);
  const b = await task('b', sub);
  await task('c', sub);
  await srv.client.call('tasks.archive', { tasks: [b] });
  await task('report', sub, { system_tags: ['reports'] });
  await task('controller', pipes, { type: 'controller' });
  const old = await task('old controller', oldPipe, { type: 'controller' });
  await srv.client.call('tasks.archive', { tasks: [old] });
  await task('version', data, { type: 'data_processing' });
  const model = (name: string, project: string, system_tags: string[] = []) =>
    srv.client.call('models.create', { name, uri: `file:///${name}.pt`, project, system_tags });
  await model('m1', top);
  await model('m2', sub, ['archived']);
});
afterAll(() => srv?.stop());

it('counts what the project and its sub-projects hold, archived or not, pipelines and datasets apart', async () => {
  expect(await srv.client.call('projects.validate_delete', { project: top })).toEqual({
    tasks: 3,
    non_archived_tasks: 2,
    models: 2,
    non_archived_models: 1,
    reports: 1,
    non_archived_reports: 1,
    pipelines: 1,
    datasets: 1,
  });
});

it('counts a sub-project alone, and nothing in an empty one', async () => {
  expect(await srv.client.call('projects.validate_delete', { project: sub })).toMatchObject({
    tasks: 2,
    non_archived_tasks: 1,
    models: 1,
    non_archived_models: 0,
    pipelines: 0,
  });
  const empty = (await srv.client.call('projects.get_all', { name: '^elsewhere$' })).projects[0].id;
  expect(Object.values(await srv.client.call('projects.validate_delete', { project: empty }))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
});

it('refuses an unknown project', async () => {
  await expect(srv.client.call('projects.validate_delete', { project: 'f'.repeat(32) })).rejects.toMatchObject({ subcode: 401 });
});
