import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../../testing/wait-for';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

export interface SourceServer {
  child: ChildProcess;
  url: string;
  dataDir: string;
  /** The JSON log lines printed so far. */
  lines: () => Record<string, unknown>[];
  exited: Promise<number | null>;
}

/**
 * Starts `src/server/main.ts` through tsx in its own process, on a free port and a new data folder
 * (`<prefix>XXXXXX` under the temp folder), with JSON logs at info level, and waits for it to log its address.
 * The caller owns the process and the folder once `onStart` has them (so they are cleaned up even if it never
 * logs an address).
 */
export async function startSourceServer(
  prefix: string,
  key: { accessKey: string; secretKey: string },
  env: Record<string, string>,
  onStart: (s: SourceServer) => void,
  /** Options for node itself, before the loader (V8's, say). */
  nodeArgs: string[] = [],
): Promise<SourceServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      TSX,
      path.join(ROOT, 'src/server/main.ts'),
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data',
      dataDir,
    ],
    {
      env: {
        ...process.env,
        ...env,
        TASKDECK_LOG_LEVEL: 'info',
        TASKDECK_ACCESS_KEY: key.accessKey,
        TASKDECK_SECRET_KEY: key.secretKey,
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const s: SourceServer = { child, url: '', dataDir, lines, exited };
  onStart(s);
  s.url = await waitFor(() => lines().find((l) => typeof l.url === 'string')?.url as string | undefined, {
    message: `the server to log its address (output so far: ${out})`,
    timeoutMs: 60_000,
  });
  return s;
}
