/** Start-up refusals are one clear line and exit code 1, from the real server process. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-startup-'));
  dirs.push(d);
  return d;
}

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function server(args: string[], opts: { uid?: number; gid?: number } = {}): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), '--port', '0', '--quiet', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, TASKDECK_ACCESS_KEY: 'STARTUPTESTKEY000001', TASKDECK_SECRET_KEY: 'startup-test-secret' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...opts,
    },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function serving(r: Run): Promise<string> {
  const end = Date.now() + 60_000;
  while (!/serving on (\S+)/.test(r.out())) {
    if (r.child.exitCode !== null) throw new Error(`server exited ${r.child.exitCode}: ${r.err()}`);
    if (Date.now() > end) throw new Error(`server did not start in 60 s: ${r.out()} ${r.err()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  return /serving on (\S+)/.exec(r.out())![1];
}

async function refused(r: Run, msg: RegExp) {
  const code = await Promise.race([r.exited, new Promise((res) => setTimeout(() => res('still running after 60 s'), 60_000))]);
  expect(code, r.err()).toBe(1);
  const lines = r.err().trim().split('\n');
  expect(lines, r.err()).toHaveLength(1);
  expect(lines[0]).toMatch(msg);
  expect(r.err()).not.toMatch(/\n\s+at /);
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('server start-up', () => {
  it('refuses a second server on the same data folder, and takes over the lock of a dead one', async () => {
    const data = tmp();
    const first = server(['--data', data, '--host', '127.0.0.1']);
    const url = await serving(first);
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    const lock = fs.readFileSync(path.join(data, 'taskdeck.lock'), 'utf8').trim();
    expect(lock).toBe(String(first.child.pid));

    await refused(
      server(['--data', data]),
      new RegExp(`Another Taskdeck server \\(pid ${first.child.pid}\\) is using the data folder`),
    );

    first.child.kill('SIGKILL');
    await first.exited;
    expect(fs.existsSync(path.join(data, 'taskdeck.lock')), 'a killed server leaves its lock').toBe(true);
    const third = server(['--data', data]);
    await serving(third);
    expect(fs.readFileSync(path.join(data, 'taskdeck.lock'), 'utf8').trim()).toBe(String(third.child.pid));
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(fs.existsSync(path.join(data, 'taskdeck.lock')), 'a stopped server removes its lock').toBe(false);
  });

  it('ends with one line when the data folder cannot be created or written', async () => {
    const parent = tmp();
    fs.writeFileSync(path.join(parent, 'a-file'), 'x');
    await refused(
      server(['--data', path.join(parent, 'a-file', 'data')]),
      /The data folder .*a-file\/data is not writable \(ENOTDIR\)/,
    );
    if (process.getuid?.() === 0) {
      // root writes anywhere: run this one as nobody, on a folder only root may write.
      const ro = tmp();
      fs.chmodSync(ro, 0o755);
      await refused(server(['--data', ro], { uid: 65534, gid: 65534 }), /The data folder .* is not writable \(EACCES\)/);
    } else {
      const ro = tmp();
      fs.chmodSync(ro, 0o555);
      await refused(server(['--data', ro]), /The data folder .* is not writable \(EACCES\)/);
    }
  });

  it('ends with one line on a bad option', async () => {
    await refused(server(['--data', tmp(), '--max-ids', 'lots']), /Invalid --max-ids: "lots" \(expected a number\)/);
  });
});
