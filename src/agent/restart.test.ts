/** An agent outlives a server restart: it keeps retrying, then records and takes tasks again. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/testing/server';
import { startAgent, waitFor, type AgentProcess } from './testing/processes';

const servers: TestServer[] = [];
const agents: AgentProcess[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-restart-'));
afterAll(async () => {
  for (const agent of agents) {
    if (agent.child.exitCode === null) {
      agent.child.kill('SIGTERM');
      await agent.exited;
    }
  }
  for (const srv of servers) await srv.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A server on a fresh data folder that `restart` brings back on the same port with the same data. */
async function restartableServer() {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-restart-data-'));
  const first = await startTestServer({ dataDir: data });
  return {
    first,
    /** Closes the server and brings it back once `downUntil` (what the agent printed meanwhile, say) holds. */
    async restart(what: string, downUntil: () => boolean) {
      await first.close();
      await waitFor(what, async () => downUntil(), 120_000);
      const again = await startTestServer({ dataDir: data, port: first.port });
      servers.push(again);
      return again;
    },
  };
}

const getTask = async (srv: TestServer, id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task;

it('keeps serving across a server restart', async () => {
  fs.writeFileSync(path.join(dir, 'job.mjs'), "console.log('ran after the restart');\n");
  const { first, restart } = await restartableServer();
  const agent = startAgent(first, ['--worker-id', 'survivor']);
  agents.push(agent);
  await waitFor('the worker to register', async () => (await first.client.call('workers.get_all', {})).workers.length === 1);
  const srv = await restart('the agent to notice the server is gone', () => /cannot reach the server/.test(agent.output()));
  const { id } = await srv.client.call('tasks.create', {
    name: 'after restart',
    type: 'training',
    script: { working_dir: dir, entry_point: 'job.mjs', binary: 'node' },
  });
  await srv.client.call('tasks.enqueue', { task: id });
  const t = await waitFor(
    'the task to end',
    async () => {
      const t = await getTask(srv, id);
      return ['completed', 'failed', 'stopped'].includes(t.status) && t;
    },
    120_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n--- agent output ---\n${agent.output()}`);
  });
  expect(t.status, `${t.status_reason}\n${agent.output()}`).toBe('completed');
  expect(agent.output()).toMatch(/cannot reach the server/);
  expect(agent.child.exitCode).toBeNull();
  // The restarted server learns of the worker again from its reports.
  await waitFor(
    'the worker to be listed again',
    async () => (await srv.client.call('workers.get_all', {})).workers.some((w) => w.id === 'survivor'),
    60_000,
  );
}, 240_000);

it('records a task that ended while the server was down once it is back, with its whole console', async () => {
  const ended = path.join(dir, 'slow-ended');
  fs.writeFileSync(
    path.join(dir, 'slow.mjs'),
    "import fs from 'node:fs';\nconsole.log('first line');\nsetTimeout(() => { console.log('last line'); fs.writeFileSync('slow-ended', ''); }, 1500);\n",
  );
  const { first, restart } = await restartableServer();
  const agent = startAgent(first, ['--worker-id', 'patient']);
  agents.push(agent);
  const { id } = await first.client.call('tasks.create', {
    name: 'ends offline',
    type: 'training',
    script: { working_dir: dir, entry_point: 'slow.mjs', binary: 'node' },
  });
  await first.client.call('tasks.enqueue', { task: id });
  await waitFor('the task to run', async () => (await getTask(first, id)).status === 'in_progress', 60_000);
  // Down before the script ends (1.5 s), back 3 s after it ended: the agent's console flush and
  // final status have to retry several times (the console used to give up sooner).
  const srv = await restart('the script to end while the server is down, 3 s ago', () => {
    const at = fs.existsSync(ended) && fs.statSync(ended).mtimeMs;
    return !!at && Date.now() - at > 3000;
  });
  const t = await waitFor(
    'the task to complete',
    async () => {
      const t = await getTask(srv, id);
      return t.status === 'completed' && t;
    },
    120_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n--- agent output ---\n${agent.output()}`);
  });
  expect(t.status_reason, agent.output()).toBe('worker execution done');
  const log = await srv.client.call('events.get_task_log', { task: id, order: 'asc' });
  const text = log.events.map((e) => e.msg).join('\n');
  expect(text, `console: ${text}\n--- agent output ---\n${agent.output()}`).toContain('first line');
  expect(text, `console: ${text}\n--- agent output ---\n${agent.output()}`).toContain('last line');
}, 300_000);
