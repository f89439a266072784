/**
 * Two server processes on one PostgreSQL database serve the same data: a worker registered
 * through one is listed by the other, a queued task is handed out once to agents polling both,
 * and the watchdog of only one of them aborts a silent task.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../../../client';
import { waitFor } from '../../../testing/wait-for';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { startSourceServer, type SourceServer } from '../../testing/source-server';

const KEY = { accessKey: 'TWOSERVERSKEY0000001', secretKey: 'two-servers-test-secret-key-000000000000' };

type ServerProcess = SourceServer & { client: ApiClient };

let database: TestDatabase;
const servers: SourceServer[] = [];

async function startServerProcess(url: string): Promise<ServerProcess> {
  const env = { TASKDECK_DATABASE_URL: url, TASKDECK_NON_RESPONSIVE_THRESHOLD_SEC: '1', TASKDECK_WATCH_INTERVAL_SEC: '0.2' };
  const s = await startSourceServer('taskdeck-two-', KEY, env, (started) => servers.push(started));
  return Object.assign(s, { client: new ApiClient({ baseUrl: s.url, ...KEY }) });
}

let a: ServerProcess;
let b: ServerProcess;
beforeAll(async () => {
  database = await createTestDatabase();
  // One after the other: the first start creates the admin and the key pair, the second finds them.
  a = await startServerProcess(database.url);
  b = await startServerProcess(database.url);
}, 120_000);
afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null) {
      const exited = new Promise((r) => s.child.once('exit', r));
      s.child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
  await database?.drop();
});

it('lists a worker registered through the other server', async () => {
  await a.client.call('workers.register', { worker: 'box:0', queues: [] });
  const { workers } = await b.client.call('workers.get_all', {});
  expect(workers.map((w) => w.id)).toEqual(['box:0']);
  await b.client.call('workers.unregister', { worker: 'box:0' });
  expect((await a.client.call('workers.get_all', {})).workers).toEqual([]);
});

it('hands a queued task to exactly one of many agents polling both servers', async () => {
  const { id } = await a.client.call('tasks.create', { name: 'once', type: 'training' });
  await a.client.call('tasks.enqueue', { task: id });
  const { queues } = await b.client.call('queues.get_all', {});
  const queue = queues.find((q) => q.name === 'default')!.id;
  const polls = Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).client.call('queues.get_next_task', { queue }));
  const got = (await Promise.all(polls)).filter((r) => r.entry).map((r) => r.entry!.task);
  expect(got).toEqual([id]);
});

it("runs one server's watchdog at a time: a silent task is aborted once", async () => {
  const { id } = await b.client.call('tasks.create', { name: 'silent', type: 'training' });
  await b.client.call('tasks.started', { task: id });
  await waitFor(async () => (await a.client.call('tasks.get_by_id', { task: id })).task.status === 'stopped', {
    message: 'the watchdog to abort the silent task',
    timeoutMs: 30_000,
  });
  const aborts = (s: ServerProcess) =>
    s.lines().filter((l) => Array.isArray(l.tasks) && (l.tasks as string[]).includes(id)).length;
  // Rounds of both watchdogs after the first abort: a second silent task is aborted too.
  const { id: later } = await a.client.call('tasks.create', { name: 'later', type: 'training' });
  await a.client.call('tasks.started', { task: later });
  await waitFor(async () => (await b.client.call('tasks.get_by_id', { task: later })).task.status === 'stopped', {
    message: 'the watchdog to abort the second silent task',
    timeoutMs: 30_000,
  });
  expect(aborts(a) + aborts(b)).toBe(1);
});
