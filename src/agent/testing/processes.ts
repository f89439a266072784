/** Helpers for tests that run real scripts and real agent processes against a test server. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectionEnv } from '../../client/connection';
import { waitFor as waitForCondition } from '../../testing/wait-for';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from '../../server/testing/server';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SDK_ENTRY = path.join(ROOT, 'src/sdk/index.ts');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

export function serverEnv(srv: TestServer): Record<string, string> {
  return connectionEnv({ baseUrl: srv.url, accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY });
}

/** Environment for children, without anything that would make them attach to a task. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(CLEARML|TRAINS|TASKDECK)_/.test(k)) delete env[k];
  return { ...env, ...extra };
}

/** A git repository in a temporary folder holding `files`, committed. */
export function makeRepo(scripts: Record<string, string>): { dir: string; head: string } {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'experiments', type: 'module', dependencies: { zod: '^4.0.0' } }, null, 2),
    'package-lock.json': JSON.stringify(
      { lockfileVersion: 3, packages: { '': { dependencies: { zod: '^4.0.0' } }, 'node_modules/zod': { version: '4.6.7' } } },
      null,
      2,
    ),
    ...scripts,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-repo-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.email', 'test@taskdeck.local');
  git('config', 'user.name', 'Taskdeck Test');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  git('add', '.');
  git('commit', '--quiet', '-m', 'scripts');
  return { dir, head: git('rev-parse', 'HEAD') };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts a TypeScript script with Node and tsx, as a user would. */
export function startScript(
  file: string,
  env: Record<string, string>,
  args: string[] = [],
): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, ['--import', TSX, file, ...args], {
    cwd: path.dirname(file),
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

export function runScript(file: string, env: Record<string, string>, args: string[] = []): Promise<Finished> {
  return startScript(file, env, args).done;
}

export interface AgentProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `taskdeck agent` as its own process (the bin shim, as a user runs it). */
export function startAgent(srv: TestServer, args: string[]): AgentProcess {
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-agent-'));
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin/taskdeck.mjs'),
      'agent',
      '--workdir',
      workdir,
      '--poll-sec',
      '0.3',
      '--status-sec',
      '0.5',
      '--report-sec',
      '1',
      ...args,
    ],
    {
      env: cleanEnv(serverEnv(srv)),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => fs.rmSync(workdir, { recursive: true, force: true }));
  return { child, output: () => out, exited };
}

/** The shared `waitFor` with this file's older argument order (what, check, timeout, interval). */
export function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  return waitForCondition(check, { message: what, timeoutMs, intervalMs: everyMs });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
