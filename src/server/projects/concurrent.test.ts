/**
 * Requests that put tasks in projects, run at once with each other and with deletes and merges of those projects:
 * none deadlocks (a 500 on PostgreSQL), a delete without force takes nothing with it, and nothing is left pointing
 * at a deleted project. On PostgreSQL the requests run in parallel transactions; on SQLite one after another.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

/** What a call answered: 'ok', or its error's code/subcode and message. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: number; subcode?: number; message: string }) => `${e.code}/${e.subcode} ${e.message}`,
  );

it('moves one task into one project by move, edit, update and update_batch at once, without a deadlock', async () => {
  const failed: string[] = [];
  for (let i = 0; i < 25; i++) {
    const { id: project } = await srv.client.call('projects.create', { name: `into ${i}` });
    const { id: task } = await srv.client.call('tasks.create', { name: 't', type: 'training' });
    const answers = await Promise.all([
      outcome(srv.client.call('tasks.move', { ids: [task], project })),
      outcome(srv.client.call('tasks.edit', { task, project })),
      outcome(srv.client.call('tasks.update', { task, project })),
      outcome(srv.client.call('tasks.update_batch', [{ task, project }])),
    ]);
    failed.push(...answers.filter((a) => a !== 'ok'));
  }
  expect(failed).toEqual([]);
}, 120_000);

it('merges a project while its task is edited into the destination, without a deadlock', async () => {
  const failed: string[] = [];
  for (let i = 0; i < 20; i++) {
    const { id: source } = await srv.client.call('projects.create', { name: `merged ${i}` });
    const { id: destination } = await srv.client.call('projects.create', { name: `kept ${i}` });
    const { id: task } = await srv.client.call('tasks.create', { name: 't', type: 'training', project: source });
    const answers = await Promise.all([
      outcome(srv.client.call('projects.merge', { project: source, destination_project: destination })),
      outcome(srv.client.call('tasks.edit', { task, project: destination })),
      outcome(srv.client.call('models.create', { name: 'm', uri: 'file:///m', project: source })),
    ]);
    // The model may come after the merge deleted its project: that refusal is right. Nothing else may fail.
    failed.push(...answers.filter((a) => a !== 'ok' && !a.startsWith('400/401 ')));
    expect((await srv.client.call('tasks.get_by_id', { task })).task.project).toBe(destination);
  }
  expect(failed).toEqual([]);
}, 120_000);

it('deletes a project without force only while it is empty: a task created meanwhile is never taken with it', async () => {
  let deleted = 0;
  let refused = 0;
  for (let i = 0; i < 25; i++) {
    const { id: project } = await srv.client.call('projects.create', { name: `maybe empty ${i}` });
    const creates = Array.from({ length: 4 }, () =>
      srv.client.call('tasks.create', { name: 't', type: 'training', project }).then(
        (r) => r.id,
        () => null,
      ),
    );
    const del = srv.client.call('projects.delete', { project }).then(
      (r) => r,
      (e: { subcode?: number }) => e.subcode,
    );
    const [answer, ...made] = await Promise.all([del, ...creates]);
    const stored = made.filter((id): id is string => id !== null);
    if (typeof answer === 'object') {
      deleted++;
      // Deleted: it was empty when it went, so every task created went in before (refused) or none was made.
      expect(answer.disassociated_tasks).toBe(0);
      expect(stored).toEqual([]);
    } else {
      refused++;
      expect(answer).toBe(403);
      const { tasks } = await srv.client.call('tasks.get_all', { project: [project], only_fields: ['id'] });
      expect(tasks.map((t) => t.id).sort()).toEqual([...stored].sort());
    }
  }
  expect(deleted + refused).toBe(25);
}, 120_000);

it('leaves no project under a deleted one when another is moved in under its sub-project meanwhile', async () => {
  for (let i = 0; i < 25; i++) {
    const { id: parent } = await srv.client.call('projects.create', { name: `P${i}` });
    await srv.client.call('projects.create', { name: `P${i}/S` });
    const { id: moved } = await srv.client.call('projects.create', { name: `X${i}` });
    await srv.client.call('tasks.create', { name: 't', type: 'training', project: moved });
    await Promise.all([
      outcome(srv.client.call('projects.delete', { project: parent, force: true })),
      outcome(srv.client.call('projects.move', { project: moved, new_location: `P${i}/S` })),
    ]);
  }
  const { projects } = await srv.client.call('projects.get_all', { only_fields: ['id', 'name', 'parent'], search_hidden: true });
  const ids = new Set(projects.map((p) => p.id));
  expect(projects.filter((p) => p.parent && !ids.has(p.parent)).map((p) => p.name)).toEqual([]);
}, 120_000);
