/**
 * clearml-agent 1.9's worker calls, with its bodies as it sends them: `tags` is always null, and
 * the first report after a state change has `machine_stats: null` (agent-protocol.md, issue 14).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../../client';
import { startTestServer, TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from '../testing/server';

const WORKER = 'vm:cpu:0';
const TIMEOUT_SEC = 2;
let srv: TestServer;
/** The agent's session: its requests carry the host name as the worker header. */
let agent: ApiClient;
let queue: string;

const stats = () => ({
  cpu_usage: [12.5, 3.1],
  gpu_usage: [],
  gpu_temperature: [],
  gpu_memory_used: [],
  gpu_memory_free: [],
  memory_used: 2048.0,
  memory_free: 6000.0,
  network_rx: 0.01,
  network_tx: 0.02,
  disk_read: 0,
  disk_write: 0.1,
  disk_free_home: 51.2,
  cpu_temperature: [],
});

beforeAll(async () => {
  srv = await startTestServer({ workerTimeoutSec: TIMEOUT_SEC });
  agent = new ApiClient({
    baseUrl: srv.url,
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    headers: { 'X-ClearML-Worker': 'vm' },
  });
  await agent.login();
  queue = (await srv.client.call('queues.get_default')).id;
});
afterAll(() => srv?.stop());

const listed = async () => (await srv.client.call('workers.get_all', { last_seen: 3600 })).workers;

it("shows the agent busy with its task, names it the task's last worker, and keeps it listed while it reports", async () => {
  await agent.call('workers.register', { worker: WORKER, queues: [queue] });
  // The agent sends nulls for fields it has nothing for; the contract's types leave them out.
  await agent.callRaw('workers.status_report', {
    worker: WORKER,
    timestamp: Date.now(),
    machine_stats: stats(),
    tags: null,
    queues: [queue],
  });
  expect((await listed()).map((w) => [w.id, w.task])).toEqual([[WORKER, null]]);

  const { id: task } = await srv.client.call('tasks.create', { name: 'agent job', type: 'training' });
  await srv.client.call('tasks.enqueue', { task, queue });
  const next = await agent.call('queues.get_next_task', { queue });
  expect(next.entry?.task).toBe(task);
  await agent.call('tasks.started', { task, status_message: 'pulled by agent', force: true });
  // The agent sends nulls for fields it has nothing for; the contract's types leave them out.
  await agent.callRaw('workers.status_report', {
    worker: WORKER,
    timestamp: Date.now(),
    machine_stats: null,
    tags: null,
    queues: [queue],
    queue,
    task,
  });

  const [w] = await listed();
  expect(w.id).toBe(WORKER);
  expect(w.task?.id).toBe(task);
  expect(w.queue?.id).toBe(queue);
  expect(w.machine_stats.memory_used).toBe(2048);
  expect((await srv.client.call('tasks.get_by_id', { task })).task.last_worker).toBe(WORKER);

  // The task's own process (the SDK under the agent) marks it started again: the worker stays its last worker.
  await agent.call('tasks.started', { task, force: true });
  expect((await srv.client.call('tasks.get_by_id', { task })).task.last_worker).toBe(WORKER);

  // Reporting every half timeout keeps it listed well past its registration's timeout.
  const until = Date.now() + TIMEOUT_SEC * 2500;
  while (Date.now() < until) {
    // The agent sends nulls for fields it has nothing for; the contract's types leave them out.
    await agent.callRaw('workers.status_report', {
      worker: WORKER,
      timestamp: Date.now(),
      machine_stats: stats(),
      tags: null,
      queues: [queue],
      queue,
      task,
    });
    expect(
      (await listed()).map((x) => x.id),
      'listed while reporting',
    ).toEqual([WORKER]);
    await new Promise((r) => setTimeout(r, (TIMEOUT_SEC * 1000) / 2));
  }
  expect((await listed())[0].task?.id).toBe(task);
});
