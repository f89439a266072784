import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task } from '../shared/entities';
import { startTestServer, type TestServer } from './testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ nonResponsiveThresholdSec: 1, watchIntervalSec: 0.2 });
});
afterAll(() => srv?.stop());

const get = async (id: string) => (await srv.client.call<{ task: Task }>('tasks.get_by_id', { task: id })).task;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('aborts running tasks that went silent, and leaves pinging ones alone', async () => {
  const silent = (await srv.client.call<{ id: string }>('tasks.create', { name: 'silent', type: 'training' })).id;
  const alive = (await srv.client.call<{ id: string }>('tasks.create', { name: 'alive', type: 'training' })).id;
  const draft = (await srv.client.call<{ id: string }>('tasks.create', { name: 'draft', type: 'training' })).id;
  await srv.client.call('tasks.started', { task: silent });
  await srv.client.call('tasks.started', { task: alive });
  for (let i = 0; i < 8; i++) {
    await sleep(250);
    await srv.client.call(i % 2 ? 'tasks.ping' : 'events.add_batch', i % 2 ? { task: alive } : [{ type: 'log', task: alive, msg: `tick ${i}` }]);
  }
  const s = await get(silent);
  expect(s.status).toBe('stopped');
  expect(s.status_reason).toMatch(/non-responsive.*1 seconds/);
  expect((await get(alive)).status).toBe('in_progress');
  expect((await get(draft)).status).toBe('created');
});
