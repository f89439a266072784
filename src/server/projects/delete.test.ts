/**
 * projects.delete of a project holding many tasks works a batch at a time, each its own transaction, the event loop
 * turning between batches: other requests are answered while it runs (on SQLite one transaction over every task
 * held the loop until the last was deleted, and no other request was answered meanwhile). What it reports and
 * leaves is checked against what was planted.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTask } from '../store/testing/test-store';
import { testingOnPostgres } from '../testing/postgres';
import { answeredDuring } from '../testing/answered-during';
import { startTestServer, type TestServer } from '../testing/server';
import { BATCH as DELETE_BATCH } from '../batches';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

/** Plants `n` tasks in the project straight into the store (a few in each state of archiving). */
async function plant(project: string, n: number, prefix: string) {
  for (let i = 0; i < n; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, (_, k) =>
        srv.store.tasks.insert(
          makeTask({
            id: `${prefix}${String(i + k).padStart(6, '0')}`.padEnd(32, '0'),
            project,
            ...((i + k) % 3 === 0 ? { system_tags: ['archived'] } : {}),
          }),
        ),
      ),
    );
  }
}

it('deletes a project of many tasks with its contents, answering other requests meanwhile', async () => {
  const top = (await srv.client.call('projects.create', { name: 'big' })).id;
  const sub = (await srv.client.call('projects.create', { name: 'big/sub' })).id;
  // On PostgreSQL every statement is I/O the loop waits on, so it turns anyway; there each task costs 10-20 ms of
  // round trips, and fewer batches keep the test short.
  const TASKS = (testingOnPostgres() ? 3 : 24) * DELETE_BATCH;
  await plant(top, TASKS - 50, 'a');
  await plant(sub, 50, 'b');
  await srv.client.call('models.create', { name: 'kept with it', uri: 'file:///m.pt', project: sub });
  const keep = (await srv.client.call('tasks.create', { name: 'elsewhere', type: 'training' })).id;

  const deleting = srv.client.call('projects.delete', { project: top, force: true, delete_contents: true });
  const { answered } = await answeredDuring(srv, deleting);
  expect(await deleting).toMatchObject({ deleted: 2, deleted_tasks: TASKS, disassociated_tasks: 0, deleted_models: 1 });
  // The loop turns once between two batches, and a call (served and answered in this process) needs about four:
  // 6 calls over 24 batches here, every run: it counts turns, not time.
  // With the old single transaction none was answered.
  expect(answered).toBeGreaterThanOrEqual(3);
  expect(await srv.store.tasks.count({ projects: [top, sub], includeHidden: true })).toBe(0);
  expect((await srv.client.call('projects.get_all', { search_hidden: true })).projects.map((p) => p.name)).not.toContain('big');
  expect((await srv.client.call('models.get_all', {})).models.map((m) => m.name)).not.toContain('kept with it');
  expect((await srv.client.call('tasks.get_by_id', { task: keep })).task.name).toBe('elsewhere');
});

it('forced without its contents, leaves every task of a big project without a project', async () => {
  const top = (await srv.client.call('projects.create', { name: 'loose' })).id;
  const TASKS = 3 * DELETE_BATCH + 7;
  await plant(top, TASKS, 'c');
  expect(await srv.client.call('projects.delete', { project: top, force: true })).toMatchObject({
    deleted: 1,
    deleted_tasks: 0,
    disassociated_tasks: TASKS,
  });
  const { tasks } = await srv.client.call('tasks.get_all', { id: [`c${'0'.repeat(6)}`.padEnd(32, '0')], search_hidden: true });
  expect(tasks[0].project ?? null).toBeNull();
});
