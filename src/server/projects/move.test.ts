/**
 * projects.move as ClearML answers it (projects.conf 2.13, project_bll.py): the project and its sub-projects go
 * under the new location (created when missing; none: the top level), their tasks staying with them; the same
 * location, or one at or under the project itself, is refused (410, 411) and nothing changes. A rename that names
 * a path under the project itself is refused the same way (it made the project its own parent).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let vision: string;
let task: string;

beforeAll(async () => {
  srv = await startTestServer();
  vision = (await srv.client.call('projects.create', { name: 'team/vision' })).id;
  await srv.client.call('projects.create', { name: 'team/vision/resnet' });
  await srv.client.call('projects.create', { name: 'archive' });
  task = (await srv.client.call('tasks.create', { name: 'r1', type: 'training', project: vision })).id;
});
afterAll(() => srv?.stop());

/** Every project as name -> parent's name ('' at the top). */
async function tree() {
  const { projects } = await srv.client.call('projects.get_all', { search_hidden: true, only_fields: ['id', 'name', 'parent'] });
  const nameOf = new Map(projects.map((p) => [p.id, p.name]));
  return Object.fromEntries(projects.map((p) => [p.name, p.parent ? nameOf.get(p.parent) : '']));
}

it('moves a project with its sub-projects under an existing location, its tasks with it', async () => {
  expect(await srv.client.call('projects.move', { project: vision, new_location: 'archive' })).toEqual({ moved: 2 });
  expect(await tree()).toEqual({
    team: '',
    archive: '',
    'archive/vision': 'archive',
    'archive/vision/resnet': 'archive/vision',
  });
  expect((await srv.client.call('tasks.get_by_id', { task })).task.project).toBe(vision);
});

it('creates a missing location, and moves to the top level without one', async () => {
  await srv.client.call('projects.move', { project: vision, new_location: ' old / 2025 ' });
  expect(await tree()).toMatchObject({
    old: '',
    'old/2025': 'old',
    'old/2025/vision': 'old/2025',
    'old/2025/vision/resnet': 'old/2025/vision',
  });
  await srv.client.call('projects.move', { project: vision });
  expect(await tree()).toMatchObject({ vision: '', 'vision/resnet': 'vision' });
  expect(Object.keys(await tree())).not.toContain('old/2025/vision');
});

it('refuses the same location, a place under itself, a taken name, and leaves every project as it was', async () => {
  const before = await tree();
  await expect(srv.client.call('projects.move', { project: vision, new_location: '' })).rejects.toMatchObject({ subcode: 410 });
  await expect(srv.client.call('projects.move', { project: vision, new_location: 'vision/resnet' })).rejects.toMatchObject({
    subcode: 411,
  });
  await expect(srv.client.call('projects.move', { project: vision, new_location: 'vision' })).rejects.toMatchObject({
    subcode: 411,
  });
  await srv.client.call('projects.create', { name: 'team/vision' });
  await expect(srv.client.call('projects.move', { project: vision, new_location: 'team' })).rejects.toMatchObject({
    subcode: 405,
  });
  await expect(srv.client.call('projects.move', { project: 'f'.repeat(32), new_location: 'x' })).rejects.toMatchObject({
    subcode: 401,
  });
  expect(await tree()).toEqual({ ...before, 'team/vision': 'team' });
});

it('refuses a rename under the project itself; a rename elsewhere moves it', async () => {
  const before = await tree();
  await expect(srv.client.call('projects.update', { project: vision, name: 'vision/inner' })).rejects.toMatchObject({
    subcode: 411,
  });
  expect(await tree()).toEqual(before);
  await srv.client.call('projects.update', { project: vision, name: 'archive/seen' });
  expect(await tree()).toMatchObject({ 'archive/seen': 'archive', 'archive/seen/resnet': 'archive/seen' });
});
