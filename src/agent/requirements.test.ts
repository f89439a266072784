/** `--install-requirements`: the agent installs a task's npm or pip requirements before running it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/testing/server';
import { startAgent } from './testing/processes';

let srv: TestServer;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-reqs-'));
beforeAll(async () => {
  srv = await startTestServer();
  // A package on disk (no registry here) and a job that imports it.
  fs.mkdirSync(path.join(root, 'pkg'));
  fs.writeFileSync(
    path.join(root, 'pkg/package.json'),
    JSON.stringify({ name: 'taskdeck-fixture-pkg', version: '1.0.0', type: 'module', main: 'index.js' }),
  );
  fs.writeFileSync(path.join(root, 'pkg/index.js'), "export const hello = () => 'hello from the installed package';\n");
  fs.mkdirSync(path.join(root, 'job'));
  fs.writeFileSync(path.join(root, 'job/job.mjs'), "import { hello } from 'taskdeck-fixture-pkg';\nconsole.log(hello());\n");
  fs.writeFileSync(path.join(root, 'job/main.py'), 'import tdfixture\nprint(tdfixture.greet())\n');
  buildWheel(path.join(root, 'wheel'));
});

/** A pure-Python wheel on disk (PyPI is out of reach here), zipped by Python's own zipfile. */
function buildWheel(dir: string) {
  const files: Record<string, string> = {
    'tdfixture/__init__.py': "def greet():\n    return 'hello from the installed wheel'\n",
    'tdfixture-0.1.dist-info/METADATA': 'Metadata-Version: 2.1\nName: tdfixture\nVersion: 0.1\n',
    'tdfixture-0.1.dist-info/WHEEL': 'Wheel-Version: 1.0\nGenerator: taskdeck-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  files['tdfixture-0.1.dist-info/RECORD'] =
    [...Object.keys(files), 'tdfixture-0.1.dist-info/RECORD'].map((f) => `${f},,`).join('\n') + '\n';
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  execFileSync('python3', ['-m', 'zipfile', '-c', WHEEL, 'tdfixture', 'tdfixture-0.1.dist-info'], { cwd: dir });
}
const WHEEL = 'tdfixture-0.1-py3-none-any.whl';
/** Each test runs two agents, one of which installs (npm, or a new virtualenv and pip): 60 s was short at load 16. */
const SLOW_ON_A_BUSY_MACHINE = 180_000;
afterAll(async () => {
  await srv?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const NODE_JOB = {
  entry_point: 'job.mjs',
  binary: 'node',
  requirements: { npm: `taskdeck-fixture-pkg==file:${path.join(root, 'pkg')}` },
};
const make = async (
  name: string,
  job: { entry_point: string; binary: string; requirements: Record<string, string> } = NODE_JOB,
) => {
  const { id } = await srv.client.call('tasks.create', {
    name,
    type: 'training',
    script: { working_dir: path.join(root, 'job'), ...job },
  });
  await srv.client.call('tasks.enqueue', { task: id });
  return id;
};
const get = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task;
const log = async (id: string) =>
  (await srv.client.call('events.get_task_log', { task: id, order: 'asc' })).events.map((e) => e.msg).join('\n');

it('fails without the package, and runs once the agent installs it', { timeout: SLOW_ON_A_BUSY_MACHINE }, async () => {
  const without = await make('without install');
  let agent = startAgent(srv, ['--max-tasks', '1']);
  expect(await agent.exited, agent.output()).toBe(0);
  const failed = await get(without);
  expect(failed.status).toBe('failed');
  expect(failed.status_reason).toMatch(
    /^worker execution exit code 1: Error \[ERR_MODULE_NOT_FOUND\]: Cannot find package 'taskdeck-fixture-pkg'/,
  );

  const withInstall = await make('with install');
  agent = startAgent(srv, ['--max-tasks', '1', '--install-requirements']);
  expect(await agent.exited, agent.output()).toBe(0);
  const t = await get(withInstall);
  expect(t.status, t.status_reason).toBe('completed');
  const console_ = await log(withInstall);
  expect(console_).toContain('installed 1 npm package(s)');
  expect(console_).toContain('hello from the installed package');
});

it("installs a Python task's pip requirements into a virtualenv of its own", { timeout: SLOW_ON_A_BUSY_MACHINE }, async () => {
  const job = {
    entry_point: 'main.py',
    binary: 'python3',
    requirements: { pip: `# from the task's requirements\n${path.join(root, 'wheel', WHEEL)}\n` },
  };
  const without = await make('python without install', job);
  let agent = startAgent(srv, ['--max-tasks', '1']);
  expect(await agent.exited, agent.output()).toBe(0);
  const failed = await get(without);
  expect(failed.status).toBe('failed');
  expect(failed.status_reason).toMatch(/ModuleNotFoundError: No module named 'tdfixture'/);

  const withInstall = await make('python with install', job);
  agent = startAgent(srv, ['--max-tasks', '1', '--install-requirements']);
  expect(await agent.exited, agent.output()).toBe(0);
  const t = await get(withInstall);
  expect(t.status, t.status_reason).toBe('completed');
  const console_ = await log(withInstall);
  expect(console_).toMatch(/installed 1 pip package\(s\) in .*venvs/);
  expect(console_).toContain('hello from the installed wheel');
  // What was installed is recorded, the task's own list kept as org_pip (as clearml-agent does).
  expect(t.script?.requirements).toMatchObject({
    pip: expect.stringMatching(/^tdfixture(==| @ file:)/m),
    org_pip: job.requirements.pip,
  });
});
