/**
 * The agent with real processes: abort while running, failures (a throwing script, a commit
 * that does not exist), and the next task taken afterwards each time.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/testing/server';
import { isAlive, makeRepo, startAgent, waitFor, type AgentProcess } from './testing/processes';
import { BOOM, LONG, QUICK } from './testing/scripts';

let srv: TestServer;
let repo: { dir: string; head: string };
let agent: AgentProcess;
const ids: Record<string, string> = {};

const get = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task;
const log = async (id: string) =>
  (await srv.client.call('events.get_task_log', { task: id, order: 'asc', batch_size: 500 })).events.map((e) => e.msg).join('\n');

/** A Draft task that runs `entry` from the test repository at `commit`. */
async function draft(name: string, entry: string, commit = repo.head): Promise<string> {
  const { id } = await srv.client.call('tasks.create', {
    name,
    type: 'training',
    project: (await srv.client.call('projects.create', { name: `Agent/${name}` })).id,
    script: { repository: repo.dir, version_num: commit, entry_point: entry, working_dir: '.', binary: 'node' },
  });
  return id;
}

beforeAll(async () => {
  srv = await startTestServer();
  repo = makeRepo({
    'long.ts': LONG,
    'boom.ts': BOOM,
    'quick.ts': QUICK,
    // A Python script in a subfolder that imports a module from the top of the repository.
    'helpers.py': "WHERE = 'imported from the repository root'\n",
    'scripts/run.py': 'import helpers\nprint(helpers.WHERE)\n',
  });
  ids.long = await draft('long', 'long.ts');
  ids.boom = await draft('boom', 'boom.ts');
  ids.badCommit = await draft('bad-commit', 'quick.ts', 'f'.repeat(40));
  ids.quick = await draft('quick', 'quick.ts');
  ids.python = (
    await srv.client.call('tasks.create', {
      name: 'python on a branch',
      type: 'training',
      script: { repository: repo.dir, branch: 'main', entry_point: 'run.py', working_dir: 'scripts', binary: 'python3' },
    })
  ).id;
  for (const k of ['long', 'boom', 'badCommit', 'quick', 'python']) await srv.client.call('tasks.enqueue', { task: ids[k] });
  agent = startAgent(srv, ['--queue', 'default', '--worker-id', 'test-agent']);
});
afterAll(async () => {
  if (agent && agent.child.exitCode === null) {
    agent.child.kill('SIGTERM');
    await agent.exited;
  }
  await srv?.stop();
  if (repo) fs.rmSync(repo.dir, { recursive: true, force: true });
});

it('aborts a running task: its process is gone within 10 s, the task is Aborted, and the agent takes the next task', async () => {
  const pid = await waitFor(
    'the long task to print its pid',
    async () => Number(/pid=(\d+)/.exec(await log(ids.long))?.[1]),
    30_000,
  );
  expect(isAlive(pid)).toBe(true);
  const running = await get(ids.long);
  expect(running.status).toBe('in_progress');
  const workers = await srv.client.call('workers.get_all', {});
  expect(workers.workers).toEqual([
    expect.objectContaining({ id: 'test-agent', task: expect.objectContaining({ id: ids.long }) }),
  ]);
  const t0 = Date.now();
  // As the dashboard does: the server hands the abort to the agent running the task.
  const r = await srv.client.call('tasks.stop_many', { ids: [ids.long] });
  expect(r.succeeded).toHaveLength(1);
  expect((await get(ids.long)).status_message).toBe('stopping');
  await waitFor('the child process to exit', async () => !isAlive(pid), 30_000, 100);
  const gone = Date.now() - t0;
  expect(gone).toBeLessThan(10_000);
  const stopped = await waitFor(
    'the task to be Aborted',
    async () => {
      const t = await get(ids.long);
      return t.status === 'stopped' && t;
    },
    30_000,
  );
  expect(stopped.status_reason).toMatch(/stopped/);
  expect(await log(ids.long)).toMatch(/user aborted/);
});

it('records a throwing script as Failed with its error, and keeps serving', async () => {
  const t = await waitFor(
    'the boom task to fail',
    async () => {
      const t = await get(ids.boom);
      return t.status === 'failed' && t;
    },
    30_000,
  );
  expect(t.status_reason).toContain('boom: the batch had no labels');
  // The script ends the task itself; the agent ships the last lines once the process is gone.
  await waitFor('the console of the failed script', async () => (await log(ids.boom)).includes('about to fail'), 30_000);
});

it('fails a task whose commit does not exist with a clear reason, and then runs the next one', async () => {
  const bad = await waitFor(
    'the bad-commit task to fail',
    async () => {
      const t = await get(ids.badCommit);
      return t.status === 'failed' && t;
    },
    30_000,
  );
  expect(bad.status_reason).toMatch(
    new RegExp(`cannot check out commit f{40}: it does not exist in ${repo.dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
  );
  const quick = await waitFor(
    'the quick task to complete',
    async () => {
      const t = await get(ids.quick);
      return t.status === 'completed' && t;
    },
    30_000,
  );
  await waitFor('the console of the quick task', async () => (await log(quick.id)).includes('quick run done'), 30_000);
  expect(agent.child.exitCode, agent.output()).toBeNull();
});

it('runs a Python task named by branch from its subfolder, importing from the repository root, and records the commit', async () => {
  const t = await waitFor(
    'the python task to end',
    async () => {
      const t = await get(ids.python);
      return ['completed', 'failed'].includes(t.status) && t;
    },
    30_000,
  );
  expect(t.status, t.status_reason).toBe('completed');
  expect(t.script?.version_num).toBe(repo.head);
  expect(t.script?.branch).toBe('main');
  await waitFor(
    'the console of the python task',
    async () => (await log(ids.python)).includes('imported from the repository root'),
    30_000,
  );
});

it('says once that a queue it served was deleted and serves its other queues on', async () => {
  const doomed = (await srv.client.call('queues.create', { name: 'doomed' })).id;
  const kept = (await srv.client.call('queues.create', { name: 'kept' })).id;
  const second = startAgent(srv, ['--queue', 'doomed', '--queue', 'kept', '--worker-id', 'two-queues']);
  try {
    await waitFor('the second worker to register', async () =>
      (await srv.client.call('workers.get_all', {})).workers.some((w) => w.id === 'two-queues'),
    );
    await srv.client.call('queues.delete', { queue: doomed, force: true });
    const task = await draft('after a queue went', 'quick.ts');
    await srv.client.call('tasks.enqueue', { task, queue: kept });
    await waitFor(
      'the task on the kept queue to complete',
      async () => (await srv.client.call('tasks.get_by_id', { task })).task.status === 'completed',
    );
    expect(second.output()).toContain(`queue ${doomed} was deleted; serving the others`);
    expect(second.output()).not.toMatch(/cannot reach the server/);
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});

it('unregisters on SIGTERM', async () => {
  agent.child.kill('SIGTERM');
  expect(await agent.exited).toBe(0);
  expect((await srv.client.call('workers.get_all', {})).workers).toEqual([]);
});
