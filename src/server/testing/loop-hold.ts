import { performance } from 'node:perf_hooks';

/** The longest the event loop went without a turn while `work` ran (a 1 ms timer measures the gaps). */
export async function longestHold(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

/**
 * The time the event loop spent running code while `work` ran (event loop utilisation's active time), with no timer
 * of ours on it: longestHold's 1 ms turns are time of their own, and on a busy machine each is a moment the thread can
 * be descheduled while counted active. Beside another test file they took a reader thread's answer from 14-44 ms of
 * the loop's time to 160-180 ms.
 */
export async function loopBusyMs(work: () => Promise<unknown>): Promise<number> {
  const before = performance.eventLoopUtilization();
  await work();
  return performance.eventLoopUtilization(before).active;
}
