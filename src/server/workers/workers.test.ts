import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../../testing/wait-for';
import { startTestServer, type TestServer } from '../testing/server';

const WORKER_TIMEOUT_SEC = 5;
let srv: TestServer;
beforeAll(async () => {
  // Each test checks a worker alive for a few calls, then waits for it to time out: at 1 s the checks lost the race at
  // load 20 (a call took up to a second), and the worker was gone before they ran.
  srv = await startTestServer({ workerTimeoutSec: WORKER_TIMEOUT_SEC });
});
afterAll(() => srv?.stop());

const workers = async () => (await srv.client.call('workers.get_all', {})).workers;

it('lists a registered worker with its queues and current task, and drops it after its timeout', async () => {
  const { id: queue } = await srv.client.call('queues.get_default');
  const { id: task } = await srv.client.call('tasks.create', { name: 'on-worker', type: 'training' });
  await srv.client.call('workers.register', { worker: 'host:0', queues: [queue] });
  await srv.client.call('workers.status_report', { worker: 'host:0', timestamp: Date.now(), queues: [queue], queue, task });
  const [w] = await workers();
  expect(w.id).toBe('host:0');
  expect(w.queues.map((q) => q.name)).toEqual(['default']);
  expect(w.task).toMatchObject({ id: task, name: 'on-worker' });
  expect((await srv.client.call('tasks.get_by_id', { task })).task.last_worker).toBe('host:0');
  const ex = await srv.client.call('queues.get_all_ex', {
    id: [queue],
  });
  expect(ex.queues[0].workers.map((x) => x.name)).toEqual(['host:0']);
  await waitFor(async () => (await workers()).length === 0, {
    message: `the silent worker to leave the list after its ${WORKER_TIMEOUT_SEC} s timeout`,
  });
});

it('auto-registers on a status report, unregisters, and refuses a report naming an unknown task', async () => {
  await srv.client.call('workers.status_report', { worker: 'other:1', timestamp: Date.now(), queues: [] });
  expect((await workers()).map((w) => w.id)).toEqual(['other:1']);
  await expect(
    srv.client.call('workers.status_report', { worker: 'other:1', timestamp: Date.now(), task: '0'.repeat(32) }),
  ).rejects.toThrow(/Invalid task id/);
  await srv.client.call('workers.unregister', { worker: 'other:1' });
  expect(await workers()).toEqual([]);
  await srv.client.call('workers.unregister', { worker: 'never-was' });
});

it('asks a live agent to stop its task, and aborts at once a task whose agent is gone past the worker timeout', async () => {
  const { id: task } = await srv.client.call('tasks.create', { name: 'agent-run', type: 'training' });
  await srv.client.call('tasks.started', { task });
  await srv.client.call('workers.status_report', { worker: 'live:0', timestamp: Date.now(), queues: [], task });
  await srv.client.call('tasks.stop', { task });
  let t = (await srv.client.call('tasks.get_by_id', { task })).task;
  expect([t.status, t.status_message]).toEqual(['in_progress', 'stopping']);

  await waitFor(async () => !(await workers()).some((w) => w.id === 'live:0'), { message: 'the agent live:0 to time out' });
  await srv.client.call('tasks.stop', { task });
  t = (await srv.client.call('tasks.get_by_id', { task })).task;
  expect(t.status).toBe('stopped');
});
