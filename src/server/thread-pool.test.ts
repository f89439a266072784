/** The pool under the server's worker threads: where a job goes, and what closing does with a thread's jobs. */
import { afterEach, expect, it } from 'vitest';
import { defaultConfig, limitsOnly } from './config';
import type { CheckedBatch } from './events/checked-batch';
import { ThreadPool, type ThreadPoolOptions } from './thread-pool';

// The parse thread serves as a thread to pool: it answers a job with the batch its body holds.
type Answer = { id: number; batch?: CheckedBatch };
const pools: ThreadPool<Answer, CheckedBatch>[] = [];

function pool(options: Partial<ThreadPoolOptions<Answer, CheckedBatch>>) {
  const p = new ThreadPool<Answer, CheckedBatch>({
    entry: 'events/parse-thread',
    workerData: { limits: limitsOnly(defaultConfig()) },
    size: 2,
    answer: (m) => m.batch!,
    stopped: (trouble) => new Error(`test thread stopped (${trouble?.event ?? 'exit'})`),
    ...options,
  });
  pools.push(p);
  return p;
}

/** A job of `n` log events: a large one keeps the thread busy long enough to be held when it stops. */
const job =
  (msg: string, n = 1) =>
  (id: number) => ({
    message: {
      id,
      body: Buffer.from(Array.from({ length: n }, () => JSON.stringify({ type: 'log', task: 'T1', msg })).join('\n')),
      contentType: 'application/json-lines',
    },
  });
const started = (p: ThreadPool<Answer, CheckedBatch>) => p.threads.map((t) => t !== undefined);

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

it('starts every thread before sharing one, unless an idle thread is to take the next job', async () => {
  const spreading = pool({});
  await spreading.send(job('one'));
  await spreading.send(job('two'));
  expect(started(spreading)).toEqual([true, true]);

  const reusing = pool({ reuseIdle: true });
  await reusing.send(job('one'));
  await reusing.send(job('two'));
  expect(started(reusing)).toEqual([true, false]);
  // A busy thread is not idle: the job beside it starts the second thread.
  await Promise.all([reusing.send(job('three')), reusing.send(job('four'))]);
  expect(started(reusing)).toEqual([true, true]);
});

it('starts every thread ahead of any job when asked, and the jobs then go to those threads', async () => {
  const p = pool({ reuseIdle: true });
  expect(started(p)).toEqual([false, false]);
  p.startAll();
  expect(started(p)).toEqual([true, true]);
  const first = p.threads.map((t) => t!.worker);
  await Promise.all([p.send(job('one')), p.send(job('two'))]);
  expect(p.threads.map((t) => t!.worker)).toEqual(first);
  await p.close();
  p.startAll();
  expect(started(p)).toEqual([false, false]);
});

it('without a grace, closing stops the threads at once and fails the jobs they held', async () => {
  const p = pool({ size: 1 });
  await p.send(job('warm'));
  const held = p.send(job('held', 20_000));
  await p.close();
  await expect(held).rejects.toThrow('test thread stopped (exit)');
  await expect(p.send(job('late'))).rejects.toThrow(/shutting down/);
});

it('with a grace, closing stops a thread that does not end by itself once the grace is over', async () => {
  // The parse thread does not end on 'close': only the grace's end stops it.
  const p = pool({ size: 1, closeGraceMs: 300 });
  await p.send(job('warm'));
  const t0 = performance.now();
  await p.close();
  expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  expect(started(p)).toEqual([false]);
});
