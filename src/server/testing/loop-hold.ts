import { performance } from 'node:perf_hooks';

/** What the event loop went through while some work ran. */
export interface LoopUse {
  /** Time the loop spent running code (event loop utilisation's active time). */
  busyMs: number;
  /** The longest the loop went without a turn (a 1 ms timer measures the gaps). */
  longestMs: number;
}

/** How busy the event loop was while `work` ran, and its longest hold. */
export async function loopWhile(work: () => Promise<unknown>): Promise<LoopUse> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const before = performance.eventLoopUtilization();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const used = performance.eventLoopUtilization(before);
  return { busyMs: used.active, longestMs: Math.max(longest, performance.now() - last) };
}

/** The longest the event loop went without a turn while `work` ran. */
export async function longestHold(work: () => Promise<unknown>): Promise<number> {
  return (await loopWhile(work)).longestMs;
}
