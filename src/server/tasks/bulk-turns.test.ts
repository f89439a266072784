/**
 * Endpoints that change many tasks or models at once (the dashboard's bulk actions: tags, move, archive) answer other
 * requests while they run: on SQLite a change of every id in one go held the event loop until the last (no other
 * request was answered meanwhile). A request naming a missing id is still refused whole, before anything changes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BATCH } from '../batches';
import { makeModel, makeTask } from '../store/testing/test-store';
import { answeredDuring } from '../testing/answered-during';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
const N = BATCH * 12;
const ids = Array.from({ length: N }, (_, i) => `bulk${String(i).padStart(5, '0')}`.padEnd(32, '0'));
const modelIds = ids.map((id) => `m${id.slice(1)}`);
beforeAll(async () => {
  srv = await startTestServer();
  for (let i = 0; i < N; i += 100) {
    await Promise.all(ids.slice(i, i + 100).map((id) => srv.store.tasks.insert(makeTask({ id, project: null }))));
    await Promise.all(modelIds.slice(i, i + 100).map((id) => srv.store.models.insert(makeModel({ id }))));
  }
});
afterAll(() => srv?.stop());

const tasksWith = async (only: string[]) =>
  (await srv.client.call('tasks.get_all', { id: ids, only_fields: only, page_size: N } as never)).tasks as unknown as Record<
    string,
    unknown
  >[];

it('tags many tasks, answering meanwhile; a missing id refuses the whole request first', async () => {
  const missing = 'f'.repeat(32);
  await expect(srv.client.call('tasks.update_tags', { ids: [...ids, missing], add_tags: ['lost'] })).rejects.toMatchObject({
    subcode: 101,
  });
  expect((await tasksWith(['tags'])).filter((t) => (t.tags as string[]).length)).toEqual([]);
  const { answered } = await answeredDuring(srv, srv.client.call('tasks.update_tags', { ids, add_tags: ['bulk'] }));
  expect(answered).toBeGreaterThan(0);
  expect((await tasksWith(['tags'])).every((t) => (t.tags as string[]).includes('bulk'))).toBe(true);
});

it('moves many tasks to a project named, answering meanwhile; a missing id creates no project', async () => {
  await expect(
    srv.client.call('tasks.move', { ids: [...ids, 'e'.repeat(32)], project_name: 'never made' }),
  ).rejects.toMatchObject({ subcode: 101 });
  expect((await srv.client.call('projects.get_all', {})).projects.map((p) => p.name)).not.toContain('never made');
  const { answered, result } = await answeredDuring(srv, srv.client.call('tasks.move', { ids, project_name: 'bulk target' }));
  expect(answered).toBeGreaterThan(0);
  expect(new Set((await tasksWith(['project'])).map((t) => t.project))).toEqual(new Set([result.project_id]));
});

// archive_many goes a batch at a time too, each batch one transaction (its refusals reported per id).
it('archives many tasks a batch at a time (archive_many), answering meanwhile', async () => {
  const { answered, result } = await answeredDuring(srv, srv.client.call('tasks.archive_many', { ids }));
  expect(answered).toBeGreaterThan(0);
  expect(result.succeeded).toHaveLength(N);
  expect((await tasksWith(['system_tags'])).every((t) => (t.system_tags as string[]).includes('archived'))).toBe(true);
});

it('restores many tasks at once (tasks.unarchive), answering meanwhile; one not archived refuses the whole request first', async () => {
  const plain = (await srv.client.call('tasks.create', { name: 'never archived', type: 'training' })).id;
  await expect(srv.client.call('tasks.unarchive', { tasks: [...ids, plain] })).rejects.toMatchObject({ subcode: 110 });
  expect((await tasksWith(['system_tags'])).every((t) => (t.system_tags as string[]).includes('archived'))).toBe(true);
  const { answered, result } = await answeredDuring(srv, srv.client.call('tasks.unarchive', { tasks: ids }));
  expect(answered).toBeGreaterThan(0);
  expect(result).toEqual({ unarchived: N });
  expect((await tasksWith(['system_tags'])).some((t) => (t.system_tags as string[]).includes('archived'))).toBe(false);
});

it('moves many models, answering meanwhile; a missing id refuses the whole request first', async () => {
  const project = (await srv.client.call('projects.create', { name: 'model shelf' })).id;
  await expect(srv.client.call('models.move', { ids: [...modelIds, 'd'.repeat(32)], project })).rejects.toMatchObject({
    subcode: 201,
  });
  const inShelf = async () =>
    (await srv.client.call('models.get_all', { project: [project], page_size: N } as never)).models.length;
  expect(await inShelf()).toBe(0);
  const { answered } = await answeredDuring(srv, srv.client.call('models.move', { ids: modelIds, project }));
  expect(answered).toBeGreaterThan(0);
  expect(await inShelf()).toBe(N);
});
