/**
 * tasks.update_batch, as clearml-server's: tasks.update requests one a line (`application/json-lines`); a missing
 * task (400/101, naming the ids) or project (400/401) refuses the whole batch and changes nothing, an empty batch is
 * 400/17, a task named twice takes its last request, and `updated` counts the tasks a request changed a field of.
 * A batch of many tasks is applied BATCH at a time, other requests answered meanwhile.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BATCH } from '../batches';
import { makeTask } from '../store/testing/test-store';
import { answeredDuring } from '../testing/answered-during';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let a: string;
let b: string;
beforeAll(async () => {
  srv = await startTestServer();
  a = (await srv.client.call('tasks.create', { name: 'first', type: 'training' })).id;
  b = (await srv.client.call('tasks.create', { name: 'second', type: 'training' })).id;
  await srv.client.call('tasks.started', { task: b });
  await srv.client.call('tasks.completed', { task: b });
});
afterAll(() => srv?.stop());

async function batch(
  lines: unknown[],
): Promise<{ status: number; meta: { result_subcode: number }; data: Record<string, unknown> }> {
  const res = await fetch(`${srv.url}/api/v2.23/tasks.update_batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${srv.client.token!}`, 'Content-Type': 'application/json-lines' },
    body: lines.map((l) => JSON.stringify(l)).join('\n'),
  });
  return { status: res.status, ...((await res.json()) as { meta: { result_subcode: number }; data: Record<string, unknown> }) };
}

const get = async (task: string) => (await srv.client.call('tasks.get_by_id', { task })).task;
const state = async () => JSON.stringify([await get(a), await get(b)]);

it('updates each task named, a finished one too, and counts them', async () => {
  const project = (await srv.client.call('projects.create', { name: 'batched' })).id;
  const r = await batch([
    { task: a, name: 'renamed', tags: ['x'], comment: 'first note' },
    { task: b, project, system_tags: ['kept'] },
  ]);
  expect(r.status).toBe(200);
  expect(r.data).toEqual({ updated: 2 });
  expect(await get(a)).toMatchObject({ name: 'renamed', tags: ['x'], comment: 'first note' });
  expect(await get(b)).toMatchObject({ name: 'second', project, system_tags: ['kept'], status: 'completed' });
});

it('takes the last request for a task named twice, and does not count a request that sets nothing', async () => {
  const r = await batch([{ task: a, name: 'not this' }, { task: b }, { task: a, name: 'this one' }]);
  expect(r.data).toEqual({ updated: 1 });
  expect((await get(a)).name).toBe('this one');
});

it('refuses a batch naming a missing task or project, or none at all, and changes nothing', async () => {
  const before = await state();
  const missing = 'f'.repeat(32);
  const noTask = await batch([
    { task: a, name: 'lost' },
    { task: missing, name: 'x' },
  ]);
  expect([noTask.status, noTask.meta.result_subcode]).toEqual([400, 101]);
  const noProject = await batch([
    { task: a, name: 'lost' },
    { task: b, project: 'e'.repeat(32) },
  ]);
  expect([noProject.status, noProject.meta.result_subcode]).toEqual([400, 401]);
  const empty = await batch([]);
  expect([empty.status, empty.meta.result_subcode]).toEqual([400, 17]);
  expect(await state()).toBe(before);
});

it('applies a batch of many tasks a part at a time, answering other requests meanwhile', async () => {
  const ids = Array.from({ length: BATCH * 12 }, (_, i) => `many${String(i).padStart(5, '0')}`.padEnd(32, '0'));
  for (let i = 0; i < ids.length; i += 100)
    await Promise.all(ids.slice(i, i + 100).map((id) => srv.store.tasks.insert(makeTask({ id, project: null }))));
  const { answered, result } = await answeredDuring(srv, batch(ids.map((task, i) => ({ task, name: `renamed ${i}` }))));
  expect(result.data).toEqual({ updated: ids.length });
  // On SQLite one transaction over every task answered none.
  expect(answered).toBeGreaterThan(0);
  const names = await srv.client.call('tasks.get_all', { id: [ids[0], ids[ids.length - 1]], only_fields: ['name'] } as never);
  expect((names.tasks as { name: string }[]).map((t) => t.name).sort()).toEqual(['renamed 0', `renamed ${ids.length - 1}`]);
});
