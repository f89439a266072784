/**
 * projects.get_task_tags and projects.get_model_tags as ClearML answers them (projects.conf, 2.8): the tags of the
 * tasks (models) under the given projects, sub-projects included, or of all; each list sorted by code point;
 * `system_tags` only with `include_system`. Answered on a reader thread from the tag tables.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let top: string;
let sub: string;
let other: string;

beforeAll(async () => {
  srv = await startTestServer();
  const project = async (name: string) => (await srv.client.call('projects.create', { name })).id;
  top = await project('tagged');
  sub = await project('tagged/sub');
  other = await project('elsewhere');
  const task = (name: string, project: string, tags: string[], system_tags: string[] = []) =>
    srv.client.call('tasks.create', { name, project, type: 'training', tags, system_tags });
  await task('a', top, ['resnet', 'Baseline']);
  await task('b', top, ['resnet'], ['pinned']);
  await task('c', sub, ['ablation']);
  await task('d', other, ['zeta', 'Élan']);
  await srv.client.call('models.create', { name: 'm', uri: 'file:///m.pt', project: sub, tags: ['best'], system_tags: ['x'] });
});
afterAll(() => srv?.stop());

it('lists the tags of every task, each once, by code point (upper case first, accented last)', async () => {
  expect(await srv.client.call('projects.get_task_tags', {})).toEqual({
    tags: ['Baseline', 'ablation', 'resnet', 'zeta', 'Élan'],
  });
});

it("lists a project's tags with its sub-projects'; system tags only when asked", async () => {
  expect(await srv.client.call('projects.get_task_tags', { projects: [top] })).toEqual({
    tags: ['Baseline', 'ablation', 'resnet'],
  });
  expect(await srv.client.call('projects.get_task_tags', { projects: [sub], include_system: true })).toEqual({
    tags: ['ablation'],
    system_tags: [],
  });
  expect(await srv.client.call('projects.get_task_tags', { projects: [top], include_system: true })).toEqual({
    tags: ['Baseline', 'ablation', 'resnet'],
    system_tags: ['pinned'],
  });
  expect(await srv.client.call('projects.get_task_tags', { projects: [sub, other] })).toEqual({
    tags: ['ablation', 'zeta', 'Élan'],
  });
});

it('an unknown project has no tags', async () => {
  expect(await srv.client.call('projects.get_task_tags', { projects: ['f'.repeat(32)] })).toEqual({ tags: [] });
});

it("lists models' tags apart from tasks'", async () => {
  expect(await srv.client.call('projects.get_model_tags', { include_system: true })).toEqual({
    tags: ['best'],
    system_tags: ['x'],
  });
  expect(await srv.client.call('projects.get_model_tags', { projects: [top] })).toEqual({ tags: ['best'] });
  expect(await srv.client.call('projects.get_model_tags', { projects: [other] })).toEqual({ tags: [] });
});

it("organization.get_tags lists every task's and model's tags", async () => {
  expect(await srv.client.call('organization.get_tags', { include_system: true })).toEqual({
    tags: ['Baseline', 'ablation', 'best', 'resnet', 'zeta', 'Élan'],
    system_tags: ['pinned', 'x'],
  });
});

it('lists the tags of the tasks a filter keeps (the list syntax of tasks.get_all)', async () => {
  const tags = (filter: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    srv.client.call('projects.get_task_tags', { filter, ...extra });
  expect(await tags({ tags: ['resnet'] })).toEqual({ tags: ['Baseline', 'resnet'] });
  expect(await tags({ tags: ['__$not', 'resnet'] })).toEqual({ tags: ['ablation', 'zeta', 'Élan'] });
  expect(await tags({ system_tags: ['pinned'] }, { include_system: true })).toEqual({
    tags: ['resnet'],
    system_tags: ['pinned'],
  });
  expect(await tags({ tags: ['resnet'] }, { projects: [other] })).toEqual({ tags: [] });
  expect(await srv.client.call('organization.get_tags', { filter: { tags: ['best'] } })).toEqual({ tags: ['best'] });
});

it("projects.get_project_tags lists the projects' own tags, sub-projects included, those the filter keeps", async () => {
  const made = async (name: string, tags: string[], system_tags: string[] = []) =>
    (await srv.client.call('projects.create', { name, tags, system_tags })).id;
  const team = await made('team', ['shared']);
  await made('team/nlp', ['text', 'shared'], ['pinned']);
  await made('solo', ['mine']);
  expect(await srv.client.call('projects.get_project_tags', {})).toEqual({ tags: ['mine', 'shared', 'text'] });
  expect(await srv.client.call('projects.get_project_tags', { projects: [team], include_system: true })).toEqual({
    tags: ['shared', 'text'],
    system_tags: ['pinned'],
  });
  expect(await srv.client.call('projects.get_project_tags', { filter: { system_tags: ['pinned'] } })).toEqual({
    tags: ['shared', 'text'],
  });
  expect(await srv.client.call('projects.get_project_tags', { filter: { tags: ['-shared'] } })).toEqual({ tags: ['mine'] });
});
