import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-built-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('the taskdeck command runs the built CLI, plain JavaScript without a TypeScript loader', async () => {
  // The shim builds dist-server/ when it is missing or older than the sources, then runs it.
  const add = await run(
    process.execPath,
    ['bin/taskdeck.mjs', 'users', 'add', 'alice', '--role', 'viewer', '--data', dataDir, '--create'],
    {
      cwd: ROOT,
    },
  );
  expect(add.stdout).toContain('alice');
  const cli = path.join(ROOT, 'dist-server', 'cli.js');
  expect(fs.statSync(cli).mtimeMs).toBeGreaterThanOrEqual(fs.statSync(path.join(ROOT, 'src/cli/main.ts')).mtimeMs);
  // The same bundle with plain node and nothing else: no loader is needed.
  const list = await run(process.execPath, [cli, 'users', 'list', '--data', dataDir], { cwd: os.tmpdir() });
  expect(list.stdout).toMatch(/alice\s+viewer/);
});

it('prints its usage on stdout when asked, a command its own, and says which command it does not know', async () => {
  const cli = path.join(ROOT, 'dist-server', 'cli.js');
  const help = await run(process.execPath, [cli, 'help'], { cwd: os.tmpdir() });
  expect(help.stdout).toMatch(/^Usage: taskdeck <command>/);
  expect((await run(process.execPath, [cli, '--help'], { cwd: os.tmpdir() })).stdout).toBe(help.stdout);
  const users = await run(process.execPath, [cli, 'users', '--help'], { cwd: os.tmpdir() });
  expect(users.stdout).toMatch(/^Usage: taskdeck users <action>/);
  expect(users.stdout).not.toContain('taskdeck agent');
  const creds = await run(process.execPath, [cli, 'credentials', '--help'], { cwd: os.tmpdir() });
  expect(creds.stdout).toMatch(/^Usage: taskdeck credentials .*--port N/);
  const unknown = await run(process.execPath, [cli, 'nonsense'], { cwd: os.tmpdir() }).then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  );
  expect(unknown?.code).toBe(2);
  expect(unknown?.stderr).toMatch(/^taskdeck: unknown command 'nonsense'/);
});

it('refuses credentials for a data folder that holds no store, with exit code 1 and nothing made there', async () => {
  const cli = path.join(ROOT, 'dist-server', 'cli.js');
  const typo = path.join(dataDir, 'no-such-folder');
  const refused = await run(process.execPath, [cli, 'credentials', '--data', typo], { cwd: os.tmpdir() }).then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  );
  expect(refused?.code).toBe(1);
  expect(refused?.stderr).toContain(`taskdeck credentials: ${typo} holds no Taskdeck data`);
  expect(fs.existsSync(typo)).toBe(false);
  expect(refused?.stderr).not.toContain('--create');
});
