/** An agent outlives a server restart: it keeps retrying, then takes the next task. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Task as TaskEntity } from '../shared/entities';
import { startTestServer, type TestServer } from '../server/testing/server';
import { startAgent, waitFor, type AgentProcess } from './testing/processes';

let srv: TestServer | null = null;
let agent: AgentProcess | null = null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-restart-'));
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-restart-data-'));
afterAll(async () => {
  if (agent && agent.child.exitCode === null) {
    agent.child.kill('SIGTERM');
    await agent.exited;
  }
  await srv?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(data, { recursive: true, force: true });
});

it('keeps serving across a server restart', async () => {
  fs.writeFileSync(path.join(dir, 'job.mjs'), "console.log('ran after the restart');\n");
  const first = await startTestServer({ dataDir: data });
  agent = startAgent(first, ['--worker-id', 'survivor']);
  await waitFor('the worker to register', async () => (await first.client.call<{ workers: unknown[] }>('workers.get_all', {})).workers.length === 1);
  // Stop the server but keep its data, then start it again on the same port.
  await first.close();
  await new Promise((r) => setTimeout(r, 1500));
  srv = await startTestServer({ dataDir: data, port: first.port });
  const { id } = await srv.client.call<{ id: string }>('tasks.create', { name: 'after restart', type: 'training', script: { working_dir: dir, entry_point: 'job.mjs', binary: 'node' } });
  await srv.client.call('tasks.enqueue', { task: id });
  const t = await waitFor('the task to complete', async () => {
    const t = (await srv!.client.call<{ task: TaskEntity }>('tasks.get_by_id', { task: id })).task;
    return t.status === 'completed' && t;
  }, 30_000);
  expect(t.status).toBe('completed');
  expect(agent.output()).toMatch(/cannot reach the server/);
  expect(agent.child.exitCode).toBeNull();
  // The restarted server learns of the worker again from its reports.
  await waitFor('the worker to be listed again', async () => (await srv!.client.call<{ workers: { id: string }[] }>('workers.get_all', {})).workers.some((w) => w.id === 'survivor'));
});
