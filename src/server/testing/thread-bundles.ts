/**
 * Global setup of both test runners (vitest's projects and Playwright): bundles the server's worker-thread entries
 * once for the run, as `npm run build` does, and points every server the tests start at them (threads.ts reads
 * THREAD_BUNDLES_ENV; the runners' workers and the servers they spawn inherit it). Started from source, each thread
 * compiled its TypeScript as it loaded, 0.5-1.3 s of CPU a thread against 0.1-0.3 s bundled, and the suites start
 * several threads for each of some hundreds of servers. threads.test.ts still starts threads from source.
 * The bundles are made anew at each run (and each rerun in vitest's watch mode), from the source as it is then, and
 * removed at the run's end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleThreads } from '../../../scripts/build-server';
import { THREAD_BUNDLES_ENV } from '../threads';

const CACHE = path.resolve(import.meta.dirname, '../../../node_modules/.cache');
const PREFIX = 'taskdeck-threads-';
/** A run killed before its end leaves its bundles; one that old is no other run's still going. */
const LEFT_OVER_MS = 24 * 3600_000;

function removeLeftovers(): void {
  for (const name of fs.readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (name.startsWith(PREFIX) && Date.now() - fs.statSync(dir).mtimeMs > LEFT_OVER_MS) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** What vitest passes a global setup (Playwright passes its config, which has no reruns). */
interface Runner {
  onTestsRerun?: (handler: () => Promise<void>) => void;
}

export default async function setup(runner?: Runner): Promise<(() => void) | undefined> {
  // Both vitest projects run this in the same process: the first one's bundles (and rebundling) serve the run.
  if (process.env[THREAD_BUNDLES_ENV]) return undefined;
  fs.mkdirSync(CACHE, { recursive: true });
  removeLeftovers();
  // Inside the package, so the bundles find the packages they leave out (better-sqlite3, pg, pino) in node_modules.
  const dir = fs.mkdtempSync(path.join(CACHE, PREFIX));
  await bundleThreads(dir);
  process.env[THREAD_BUNDLES_ENV] = dir;
  // vitest's watch mode reruns tests on changed source without running this again: the bundles are made anew too.
  // A handler registered through any project is called on every rerun, of either project's files.
  runner?.onTestsRerun?.(() => bundleThreads(dir));
  return () => {
    delete process.env[THREAD_BUNDLES_ENV];
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
