/**
 * An agent killed with SIGKILL leaves its task Running; the server's non-responsive watchdog
 * then marks it Aborted, and the silent worker leaves the workers list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/testing/server';
import { isAlive, startAgent, waitFor } from './testing/processes';

let srv: TestServer;
let dir: string;
let orphan = 0;

beforeAll(async () => {
  srv = await startTestServer({ nonResponsiveThresholdSec: 3, watchIntervalSec: 0.5, workerTimeoutSec: 3 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-sleeper-'));
  // A plain script in a local folder (no repository, no SDK): it only sleeps.
  fs.writeFileSync(
    path.join(dir, 'sleeper.mjs'),
    "import fs from 'node:fs';\nfs.writeFileSync('pid', String(process.pid));\nsetTimeout(() => {}, 120_000);\n",
  );
});
afterAll(async () => {
  if (orphan && isAlive(orphan)) process.kill(orphan, 'SIGKILL');
  await srv?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const get = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task;
const workers = async () => (await srv.client.call('workers.get_all', {})).workers.map((w) => w.id);

it('marks the task of a SIGKILLed agent Aborted after the threshold, and drops the worker', async () => {
  const { id } = await srv.client.call('tasks.create', {
    name: 'sleeper',
    type: 'training',
    script: { working_dir: dir, entry_point: 'sleeper.mjs', binary: 'node' },
  });
  await srv.client.call('tasks.enqueue', { task: id });
  const agent = startAgent(srv, ['--worker-id', 'doomed-agent']);
  orphan = await waitFor(
    'the script to start',
    async () => fs.existsSync(path.join(dir, 'pid')) && Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8')),
    30_000,
  );
  expect((await get(id)).status).toBe('in_progress');
  expect(await workers()).toEqual(['doomed-agent']);
  // Reports keep the task alive past the threshold while the agent lives.
  // Wait until the agent's reports have kept the task Running for longer than the 3 s threshold.
  const started = Date.parse((await get(id)).started!);
  await waitFor(
    'the agent to keep the task alive past the threshold',
    async () => {
      const t = await get(id);
      if (t.status !== 'in_progress')
        throw new Error(`the live agent's task became ${t.status}: ${t.status_reason}\n${agent.output()}`);
      return Date.parse(t.last_update) - started > 4000;
    },
    30_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n--- agent output ---\n${agent.output()}`);
  });
  expect((await get(id)).status, agent.output()).toBe('in_progress');
  agent.child.kill('SIGKILL');
  await agent.exited;
  expect((await get(id)).status).toBe('in_progress');
  const t = await waitFor(
    'the watchdog to abort the task',
    async () => {
      const t = await get(id);
      return t.status === 'stopped' && t;
    },
    30_000,
  );
  expect(t.status_reason).toMatch(/non-responsive/i);
  await waitFor('the worker to leave the list', async () => (await workers()).length === 0, 30_000);
}, 180_000);
