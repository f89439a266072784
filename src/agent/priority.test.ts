/** The agent serves its queues in the order given: the first queue's tasks go first. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/testing/server';
import { startAgent } from './testing/processes';

let srv: TestServer;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-priority-'));
beforeAll(async () => {
  srv = await startTestServer();
  fs.writeFileSync(path.join(dir, 'job.mjs'), "console.log('job ran');\n");
});
afterAll(async () => {
  await srv?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('takes tasks from the first queue before the second, each in queue order', async () => {
  for (const name of ['high', 'low']) await srv.client.call('queues.create', { name });
  const ids: Record<string, string> = {};
  for (const [name, queue] of [
    ['low-1', 'low'],
    ['high-1', 'high'],
    ['low-2', 'low'],
    ['high-2', 'high'],
  ]) {
    ({ id: ids[name] } = await srv.client.call('tasks.create', {
      name,
      type: 'training',
      script: { working_dir: dir, entry_point: 'job.mjs', binary: 'node' },
    }));
    await srv.client.call('tasks.enqueue', { task: ids[name], queue_name: queue });
  }
  // A queue named in another case is still found (queue filters keep case on the server; the agent asks ignoring it).
  const agent = startAgent(srv, ['--queue', 'HIGH', '--queue', 'low', '--max-tasks', '4']);
  expect(await agent.exited, agent.output()).toBe(0);
  const tasks = (
    await srv.client.call('tasks.get_all', {
      id: Object.values(ids),
      only_fields: ['name', 'status', 'started'],
    })
  ).tasks;
  expect(tasks.every((t) => t.status === 'completed')).toBe(true);
  const order = [...tasks].sort((a, b) => Date.parse(a.started!) - Date.parse(b.started!)).map((t) => t.name);
  expect(order).toEqual(['high-1', 'high-2', 'low-1', 'low-2']);
});
