/** How a locally run script's task ends: aborted from the dashboard, by a signal, by an uncaught error. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeRepo, serverEnv, startScript, waitFor } from '../agent/testing/processes';
import { BOOM, LONG } from '../agent/testing/scripts';
import { startTestServer, type TestServer } from '../server/testing/server';

let srv: TestServer;
let repo: { dir: string };
beforeAll(async () => {
  srv = await startTestServer();
  repo = makeRepo({ 'long.ts': LONG, 'boom.ts': BOOM });
});
afterAll(async () => {
  await srv?.stop();
  if (repo) fs.rmSync(repo.dir, { recursive: true, force: true });
});

const newest = async (name: string) =>
  (
    await srv.client.call('tasks.get_all', {
      name: `^${name}$`,
      order_by: ['-created'],
      page: 0,
      page_size: 1,
    })
  ).tasks[0];

async function startLong() {
  const before = (await newest('long'))?.id;
  const run = startScript(path.join(repo.dir, 'long.ts'), serverEnv(srv));
  const task = await waitFor('the task to run', async () => {
    const t = await newest('long');
    return t && t.id !== before && t.status === 'in_progress' && t;
  });
  return { run, task };
}

it('stops the script within its poll period when the task is aborted from the dashboard', async () => {
  const { run, task } = await startLong();
  await srv.client.call('tasks.stop_many', { ids: [task.id] });
  const t0 = Date.now();
  const end = await run.done;
  expect(Date.now() - t0).toBeLessThan(8000);
  expect(end.code).toBe(1);
  expect(end.stderr).toContain(`task ${task.id} was aborted from the dashboard`);
  expect((await newest('long')).status).toBe('stopped');
});

it('marks the task Aborted on SIGTERM, with the console sent', async () => {
  const { run, task } = await startLong();
  await waitFor(
    'the first line',
    async () =>
      (await srv.client.call('events.get_task_log', { task: task.id })).events.length > 0 || run.child.exitCode !== null,
  );
  run.child.kill('SIGTERM');
  const end = await run.done;
  expect(end.code).toBe(143);
  const t = (await srv.client.call('tasks.get_by_id', { task: task.id })).task;
  expect(t.status).toBe('stopped');
  expect(t.status_reason).toBe('aborted by SIGTERM');
  const log = await srv.client.call('events.get_task_log', { task: task.id, order: 'asc' });
  expect(log.events.map((e) => e.msg).join('\n')).toMatch(/pid=\d+/);
});

it('marks the task Failed with the error when the script throws', async () => {
  const end = await startScript(path.join(repo.dir, 'boom.ts'), serverEnv(srv)).done;
  expect(end.code).toBe(1);
  expect(end.stderr).toContain('Error: boom: the batch had no labels');
  // The task's page is news, not an error: stdout, and an info line of the task's console.
  expect(end.stdout).toMatch(
    /Taskdeck: task [0-9a-f]{32} created; results at http:\/\/[^/]+\/projects\/[0-9a-f]{32}\/experiments\/[0-9a-f]{32}\/output\/log/,
  );
  const t = await newest('boom');
  expect(t.status).toBe('failed');
  expect(t.status_reason).toBe('Error: boom: the batch had no labels');
  const log = await srv.client.call('events.get_task_log', {
    task: t.id,
    order: 'asc',
  });
  expect(log.events.find((e) => e.msg.includes('created; results at'))?.level).toBe('info');
});
