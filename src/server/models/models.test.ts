import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

it('creates, edits, lists, attaches and deletes models', async () => {
  const task = (await srv.client.call('tasks.create', { name: 'm', type: 'training' })).id;
  await srv.client.call('tasks.started', { task });
  const { id } = await srv.client.call('models.create', {
    name: 'draft',
    uri: 'file:///x',
    ready: false,
    task,
  });
  await srv.client.call('models.edit', {
    model: id,
    name: 'net',
    labels: { a: 0, b: 1 },
    design: { design: 'layers' },
    framework: 'PyTorch',
  });
  const { model } = await srv.client.call('models.get_by_id', { model: id });
  expect(model).toMatchObject({ name: 'net', labels: { a: 0, b: 1 }, framework: 'PyTorch', ready: false, task });
  await srv.client.call('tasks.add_or_update_model', { task, name: 'weights', model: id, type: 'output' });
  const listed = await srv.client.call('models.get_all', {
    task: [task],
    only_fields: ['id'],
    order_by: ['created'],
  });
  expect(listed.models).toEqual([{ id }]);
  await expect(srv.client.call('models.delete', { model: id })).rejects.toThrow(/used by task/);
  await srv.client.call('tasks.completed', { task });
  await srv.client.call('tasks.publish', { task });
  expect((await srv.client.call('models.get_by_id', { model: id })).model.ready).toBe(true);
  await srv.client.call('models.delete', { model: id, force: true });
  await expect(srv.client.call('models.get_by_id', { model: id })).rejects.toMatchObject({ code: 400, subcode: 201 });
  const t = (await srv.client.call('tasks.get_by_id', { task })).task;
  expect(t.models.output).toHaveLength(1);
});

it('refuses a model in a project that does not exist, on create and when an edit moves it there, changing nothing', async () => {
  const before = (await srv.client.call('models.get_all', { only_fields: ['id'] })).models.length;
  await expect(
    srv.client.call('models.create', { name: 'lost', uri: 'file:///x', project: 'no-such-project' }),
  ).rejects.toMatchObject({ code: 400, subcode: 401 });
  expect((await srv.client.call('models.get_all', { only_fields: ['id'] })).models.length).toBe(before);
  const { id: project } = await srv.client.call('projects.create', { name: 'has models' });
  const { id } = await srv.client.call('models.create', { name: 'kept', uri: 'file:///y', project });
  for (const call of ['models.edit', 'models.update'] as const) {
    await expect(srv.client.call(call, { model: id, project: 'gone-project' })).rejects.toMatchObject({
      code: 400,
      subcode: 401,
    });
  }
  expect((await srv.client.call('models.get_by_id', { model: id })).model.project).toBe(project);
});
