import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Every worker-thread entry of the server, as its path under src/server without the extension.
 * scripts/build-server.ts bundles each one to dist-server/<path>.js; a new thread is one more line here.
 */
export const THREAD_ENTRIES = [
  'store/sqlite/reader-thread',
  'store/sqlite/checkpoint-thread',
  'events/parse-thread',
  'readers/reader-thread',
  'events/writer-thread',
  'http/body-thread',
] as const;
export type ThreadEntry = (typeof THREAD_ENTRIES)[number];

// This module is src/server/threads.ts when the server runs from source (tsx, vitest, Playwright) and part of
// a bundle at the top of dist-server/ when built: either way the entries' paths are relative to it.
const fromSource = import.meta.url.endsWith('.ts');

/**
 * A folder with the entries bundled as the build bundles them, for a server run from source: the test runs set it
 * (testing/thread-bundles.ts). A thread started from source compiles its TypeScript as it loads, 0.5-1.3 s of CPU
 * on this 2-core machine, and the suites start several threads for each of their hundreds of servers.
 */
export const THREAD_BUNDLES_ENV = 'TASKDECK_THREAD_BUNDLES';

/** Starts a worker thread on one of the entries, from a bundle or, with the TypeScript loader, from source. */
export function startThread(entry: ThreadEntry, options: WorkerOptions = {}): Worker {
  if (!fromSource) return new Worker(new URL(`./${entry}.js`, import.meta.url), options);
  const bundles = process.env[THREAD_BUNDLES_ENV];
  if (bundles) return new Worker(path.join(bundles, `${entry}.js`), options);
  const source = new URL(`./${entry}.ts`, import.meta.url).href;
  return new Worker(new URL('./ts-thread.mjs', import.meta.url), { ...options, argv: [...(options.argv ?? []), source] });
}
