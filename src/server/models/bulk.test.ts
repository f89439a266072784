import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let project: string;
let a: string;
let b: string;
beforeAll(async () => {
  srv = await startTestServer();
  project = (await srv.client.call('projects.create', { name: 'zoo' })).id;
  a = (
    await srv.client.call('models.create', {
      name: 'a',
      uri: 'file:///a',
      project,
      framework: 'PyTorch',
      tags: ['best'],
      ready: false,
    })
  ).id;
  b = (
    await srv.client.call('models.create', {
      name: 'b',
      uri: 'file:///b',
      project,
      framework: 'Keras',
      ready: false,
    })
  ).id;
  await srv.client.call('models.add_or_update_metadata', { model: a, metadata: [{ key: 'acc', type: 'float', value: '0.9' }] });
  await srv.client.call('models.add_or_update_metadata', {
    model: b,
    metadata: [
      { key: 'acc', type: 'float', value: '0.8' },
      { key: 'epochs', value: '3' },
    ],
  });
});
afterAll(() => srv?.stop());

const get = async (model: string) => (await srv.client.call('models.get_by_id', { model })).model;

it("lists frameworks, tags and metadata keys and values of a project's models", async () => {
  expect(await srv.client.call('models.get_frameworks', { projects: [project] })).toEqual({ frameworks: ['Keras', 'PyTorch'] });
  expect(await srv.client.call('projects.get_model_tags', { projects: [project] })).toEqual({ tags: ['best'] });
  expect(await srv.client.call('projects.get_model_metadata_keys', { project })).toEqual({
    keys: ['acc', 'epochs'],
    total: 2,
    remaining: 0,
  });
  expect(await srv.client.call('projects.get_model_metadata_values', { projects: [project], key: 'acc' })).toEqual({
    values: ['0.8', '0.9'],
    total: 2,
    remaining: 0,
  });
});

it('tag filters follow a model through edits that change its tags and ones that do not', async () => {
  const tagged = async (tags: string[]) =>
    (await srv.client.call('models.get_all', { project: [project], tags, only_fields: ['name'] })).models.map((m) => m.name);
  await srv.client.call('models.edit', { model: a, comment: 'tags unchanged' });
  expect(await tagged(['best'])).toEqual(['a']);
  await srv.client.call('models.update', { model: a, tags: ['worse'] });
  expect(await tagged(['best'])).toEqual([]);
  expect(await tagged(['worse'])).toEqual(['a']);
  await srv.client.call('models.edit', { model: a, tags: ['best'] });
  expect(await tagged(['best'])).toEqual(['a']);
  expect(await tagged(['worse'])).toEqual([]);
});

it('adds and removes tags on several models, refusing an unknown id before changing any', async () => {
  const tagsOf = async () => [(await get(a)).tags, (await get(b)).tags];
  const before = await tagsOf();
  await expect(srv.client.call('models.update_tags', { ids: [a, 'nope'], add_tags: ['x'] })).rejects.toMatchObject({
    code: 400,
    subcode: 201,
  });
  expect(await tagsOf()).toEqual(before);
  expect(await srv.client.call('models.update_tags', { ids: [a, b], add_tags: ['x', 'y'], remove_tags: ['best'] })).toEqual({
    updated: 2,
  });
  expect(await tagsOf()).toEqual([
    ['x', 'y'],
    ['x', 'y'],
  ]);
  await srv.client.call('models.update_tags', { ids: [a, b], remove_tags: ['x', 'y'] });
  await srv.client.call('models.update_tags', { ids: [a], add_tags: ['best'] });
  expect(await tagsOf()).toEqual([['best'], []]);
});

it('archives, unarchives and publishes many, answering per model', async () => {
  const r = await srv.client.call('models.archive_many', { ids: [a, 'nope'] });
  expect(r.succeeded).toEqual([{ id: a, archived: true }]);
  expect(r.failed).toEqual([expect.objectContaining({ id: 'nope', error: expect.objectContaining({ codes: [400, 201] }) })]);
  expect((await get(a)).system_tags).toContain('archived');
  await srv.client.call('models.unarchive_many', { ids: [a] });
  expect((await get(a)).system_tags).not.toContain('archived');
  await srv.client.call('models.publish_many', { ids: [a, b] });
  expect([(await get(a)).ready, (await get(b)).ready]).toEqual([true, true]);
});

it('moves models to a project by name, and deletes many', async () => {
  const moved = await srv.client.call('models.move', { ids: [a], project_name: 'zoo/archive' });
  expect((await get(a)).project).toBe(moved.project_id);
  const r = await srv.client.call('models.delete_many', { ids: [a, b], force: true });
  expect(r.succeeded.map((s) => s.id)).toEqual([a, b]);
  await expect(get(a)).rejects.toMatchObject({ subcode: 201 });
});

it("models.get_by_task_id returns the task's output model", async () => {
  const task = (await srv.client.call('tasks.create', { name: 't', type: 'training' })).id;
  await srv.client.call('tasks.started', { task });
  const { id } = await srv.client.call('models.update_for_task', { task, uri: 'file:///w', name: 'w' });
  expect((await srv.client.call('models.get_by_task_id', { task })).model!.id).toBe(id);
});

it("models.get_all searches name, id and comment (the web app's _any_ pattern) and filters by user", async () => {
  const m = (await srv.client.call('models.create', { name: 'needle_100%', uri: 'file:///n', comment: 'hay' })).id;
  await srv.client.call('models.create', { name: 'other', uri: 'file:///o', comment: 'has a Needle in it' });
  const find = async (body: Record<string, unknown>) =>
    (await srv.client.call('models.get_all', { ...body, order_by: ['name'] })).models.map((x) => x.name);
  expect(await find({ _any_: { pattern: 'needle', fields: ['name', 'id', 'comment'] } })).toEqual(['needle_100%', 'other']);
  expect(await find({ search_text: '100%' })).toEqual(['needle_100%']);
  expect(await find({ search_text: '0_' })).toEqual([]);
  const me = (await srv.client.call('models.get_by_id', { model: m })).model.user;
  expect((await find({ user: [me] })).length).toBeGreaterThan(1);
  expect(await find({ user: ['someone-else'] })).toEqual([]);
});
