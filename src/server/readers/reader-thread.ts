import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open';
import { failureOf, type ThreadFailure } from '../thread-failure';
import { JOBS, type JobName } from './jobs';
import { nameThread } from '../thread-name';

nameThread('reader');

/** A reader thread: its own read-only store, running the pool's jobs one at a time, in order of arrival. */
export interface JobRequest {
  id: number;
  job: JobName;
  args: unknown;
  /** Answer with the result serialised to JSON (UTF-8), not as a cloned object. */
  json?: boolean;
}

export interface JobAnswer {
  id: number;
  result?: unknown;
  json?: Uint8Array;
  error?: ThreadFailure;
}

const opening = openStore({ ...(workerData as { dataDir: string; databaseUrl?: string }), readonly: true });
// A store that cannot open fails each job with its reason (not the thread, which would be started again).
opening.catch(() => undefined);
let queue: Promise<unknown> = Promise.resolve();

async function run(m: JobRequest) {
  try {
    const store = await opening;
    const fn = JOBS[m.job] as (store: unknown, args: unknown) => Promise<unknown>;
    const result = await fn(store, m.args);
    if (m.json) {
      // TextEncoder gives the bytes a buffer of their own (Buffer.from may share a pool), so it can be transferred.
      const json = new TextEncoder().encode(JSON.stringify(result));
      parentPort!.postMessage({ id: m.id, json } satisfies JobAnswer, [json.buffer]);
    } else parentPort!.postMessage({ id: m.id, result } satisfies JobAnswer);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: failureOf(e) } satisfies JobAnswer);
  }
}

parentPort!.on('message', (m: JobRequest | 'close') => {
  if (m === 'close') {
    void queue.then(async () => {
      await (await opening.catch(() => undefined))?.close();
      parentPort!.close();
    });
    return;
  }
  queue = queue.then(() => run(m));
});
