/**
 * Global setup of both test runners (vitest's projects and Playwright): bundles the server's worker-thread entries
 * once for the run, as `npm run build` does, and points every server the tests start at them (threads.ts reads
 * THREAD_BUNDLES_ENV; the runners' workers and the servers they spawn inherit it). Started from source, each thread
 * compiled its TypeScript as it loaded, 0.5-1.3 s of CPU a thread against 0.1-0.3 s bundled, and the suites start
 * several threads for each of some hundreds of servers. threads.test.ts still starts threads from source.
 * The bundles are made anew at each run, from the source as it is then, and removed at its end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleThreads } from '../../../scripts/build-server';
import { THREAD_BUNDLES_ENV } from '../threads';

const CACHE = path.resolve(import.meta.dirname, '../../../node_modules/.cache');

export default async function setup(): Promise<(() => void) | undefined> {
  // Both vitest projects run this in the same process: the first one's bundles serve the run.
  if (process.env[THREAD_BUNDLES_ENV]) return undefined;
  fs.mkdirSync(CACHE, { recursive: true });
  // Inside the package, so the bundles find the packages they leave out (better-sqlite3, pg, pino) in node_modules.
  const dir = fs.mkdtempSync(path.join(CACHE, 'taskdeck-threads-'));
  await bundleThreads(dir);
  process.env[THREAD_BUNDLES_ENV] = dir;
  return () => {
    delete process.env[THREAD_BUNDLES_ENV];
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
