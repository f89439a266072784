/** `--install-requirements`: the agent installs a Node task's npm requirements before running it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task as TaskEntity } from '../shared/entities';
import { startTestServer, type TestServer } from '../server/testing/server';
import { startAgent } from './testing/processes';

let srv: TestServer;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-reqs-'));
beforeAll(async () => {
  srv = await startTestServer();
  // A package on disk (no registry here) and a job that imports it.
  fs.mkdirSync(path.join(root, 'pkg'));
  fs.writeFileSync(path.join(root, 'pkg/package.json'), JSON.stringify({ name: 'taskdeck-fixture-pkg', version: '1.0.0', type: 'module', main: 'index.js' }));
  fs.writeFileSync(path.join(root, 'pkg/index.js'), "export const hello = () => 'hello from the installed package';\n");
  fs.mkdirSync(path.join(root, 'job'));
  fs.writeFileSync(path.join(root, 'job/job.mjs'), "import { hello } from 'taskdeck-fixture-pkg';\nconsole.log(hello());\n");
});
afterAll(async () => {
  await srv?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const make = async (name: string) => {
  const { id } = await srv.client.call<{ id: string }>('tasks.create', {
    name, type: 'training',
    script: { working_dir: path.join(root, 'job'), entry_point: 'job.mjs', binary: 'node', requirements: { npm: `taskdeck-fixture-pkg==file:${path.join(root, 'pkg')}` } },
  });
  await srv.client.call('tasks.enqueue', { task: id });
  return id;
};
const get = async (id: string) => (await srv.client.call<{ task: TaskEntity }>('tasks.get_by_id', { task: id })).task;
const log = async (id: string) => (await srv.client.call<{ events: { msg: string }[] }>('events.get_task_log', { task: id, order: 'asc' })).events.map((e) => e.msg).join('\n');

it('fails without the package, and runs once the agent installs it', async () => {
  const without = await make('without install');
  let agent = startAgent(srv, ['--max-tasks', '1']);
  expect(await agent.exited, agent.output()).toBe(0);
  const failed = await get(without);
  expect(failed.status).toBe('failed');
  expect(failed.status_reason).toMatch(/^worker execution exit code 1: Error \[ERR_MODULE_NOT_FOUND\]: Cannot find package 'taskdeck-fixture-pkg'/);

  const withInstall = await make('with install');
  agent = startAgent(srv, ['--max-tasks', '1', '--install-requirements']);
  expect(await agent.exited, agent.output()).toBe(0);
  const t = await get(withInstall);
  expect(t.status, t.status_reason).toBe('completed');
  const console_ = await log(withInstall);
  expect(console_).toContain('installed 1 npm package(s)');
  expect(console_).toContain('hello from the installed package');
});
