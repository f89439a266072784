/** Timing helpers shared by the benches: the times of repeated runs and their median. */

/** The middle of `times` once sorted (the upper middle for an even count); `times` is left as it is. */
export function medianOf(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The times (ms) of `runs` runs of `fn`, one after the other. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

/** The median time (ms, to 0.1) of `runs` runs of `fn`. */
export async function median(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  return Math.round(medianOf(await timeRuns(fn, runs)) * 10) / 10;
}

/** Seconds (to 0.1) since `t0`, a performance.now() reading. */
export function secondsSince(t0: number): number {
  return Math.round((performance.now() - t0) / 100) / 10;
}

/** CPU time of this process in ms, user and system: on a busy machine it says more of a stage than its wall time. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
