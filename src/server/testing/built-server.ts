import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitFor } from '../../testing/wait-for';
import { cpuTicks } from '../observe/thread-cpu';

export interface BuiltServer {
  url: string;
  child: ChildProcess;
  /** From spawning the process to its first HTTP answer, in ms. */
  startupMs: number;
  /** CPU time the process had used by then, in ms (Linux; less sensitive than startupMs to a busy machine). */
  startupCpuMs?: number;
  /** Everything the process printed (its log). */
  output(): string;
  stop(): Promise<number | null>;
}

/** user + system CPU time of a process, from /proc (clock ticks of 10 ms); undefined elsewhere. */
export function cpuMs(pid: number): number | undefined {
  try {
    return cpuTicks(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Starts the built server (`<bundleDir>/main.js`) with plain `node`, no TypeScript loader, on a free port, and
 * waits for its first HTTP answer. The environment is the caller's minus NODE_OPTIONS, so nothing preloads tsx.
 */
export async function startBuiltServer(
  bundleDir: string,
  dataDir: string,
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<BuiltServer> {
  const { NODE_OPTIONS: _, ...inherited } = process.env;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(bundleDir, 'main.js'), '--port', '0', '--host', '127.0.0.1', '--data', dataDir],
    // Started from its data folder, not the repository: nothing it serves may depend on the folder it starts in.
    { cwd: dataDir, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    let url = await waitFor(() => (child.exitCode === null ? /serving on (http:\/\/[^\s"]+)/.exec(out)?.[1] : 'exited'), {
      message: 'the built server to say where it serves',
      timeoutMs,
      intervalMs: 5,
    });
    if (url === 'exited') throw new Error(`the built server exited with ${child.exitCode}:\n${out}`);
    // It names itself localhost; it listens on 127.0.0.1 only.
    url = url.replace('//localhost:', '//127.0.0.1:');
    // Any HTTP answer, even a 401, means it serves.
    await waitFor(() => fetch(`${url}/api/server.info`).then((r) => r.status > 0), {
      message: 'the first answer of the built server',
      timeoutMs,
      intervalMs: 5,
    });
    const startupMs = performance.now() - started;
    return {
      url,
      child,
      startupMs,
      startupCpuMs: cpuMs(child.pid!),
      output: () => out,
      async stop() {
        if (child.exitCode === null) child.kill('SIGTERM');
        return exited;
      },
    };
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
}
