import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient } from '../src/client';
import { ThreadCpu } from '../src/server/observe/thread-cpu';
import { cpuMs } from '../src/server/testing/built-server';

export const BENCH_ACCESS = 'BENCHACCESSKEY000001';
export const BENCH_SECRET = 'bench-secret-key-not-for-production-use';
export const BENCH_ADMIN = 'admin';
export const BENCH_PASSWORD = 'bench-admin-password';

export interface ServerProcess {
  url: string;
  client: ApiClient;
  child: ChildProcess;
  rssMiB(): number;
  /** CPU time the process has used, all its threads, user and system (ms). */
  cpuMs(): number;
  /** The same by thread role (main, parse, writer, other...: observe/thread-cpu.ts), ms since the first call. */
  threadCpuMs(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

/**
 * Starts the built server (`dist-server/main.js`, as `npm start` runs it: plain JavaScript, no TypeScript
 * loader) as its own process, so that the bench client does not share its CPU time. bench/run.ts builds it first.
 */
export async function startServerProcess(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
  dist = 'dist-server',
): Promise<ServerProcess> {
  const root = path.resolve(import.meta.dirname, '..');
  const child = spawn(
    process.execPath,
    [path.join(root, dist, 'main.js'), '--port', String(port), '--data', dataDir, '--host', '127.0.0.1', '--quiet'],
    {
      cwd: root,
      env: {
        ...process.env,
        TASKDECK_ACCESS_KEY: BENCH_ACCESS,
        TASKDECK_SECRET_KEY: BENCH_SECRET,
        TASKDECK_ADMIN_USER: BENCH_ADMIN,
        TASKDECK_ADMIN_PASSWORD: BENCH_PASSWORD,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // BENCH_SERVER_LOG=<file> keeps the server's log (its stall warnings name what held the loop).
  if (process.env.BENCH_SERVER_LOG) child.stdout!.pipe(fs.createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' }));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('serving on')) resolve();
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const threads = new ThreadCpu(child.pid);
  const client = new ApiClient({ baseUrl: url, accessKey: BENCH_ACCESS, secretKey: BENCH_SECRET });
  await client.login();
  return {
    url,
    client,
    child,
    rssMiB() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    cpuMs() {
      const ms = cpuMs(child.pid!);
      if (ms === undefined) throw new Error('no CPU time in /proc for the server process');
      return ms;
    },
    async threadCpuMs() {
      return new Map([...(await threads.read())].map(([role, seconds]) => [role, seconds * 1000]));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
