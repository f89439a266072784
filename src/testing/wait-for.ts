/**
 * Waits on a condition instead of a fixed sleep: polls `condition` until it returns something
 * truthy and returns that, or fails after `timeoutMs` naming what was awaited and what it last saw.
 * Deadlines are generous on purpose: the suite runs on busy machines.
 */
export interface WaitOptions {
  /** What is awaited, for the failure message ("the worker to leave the list"). */
  message: string;
  timeoutMs?: number;
  intervalMs?: number;
}

export async function waitFor<T>(
  condition: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  { message, timeoutMs = 30_000, intervalMs = 100 }: WaitOptions,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await condition();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message} (last seen: ${seen})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
