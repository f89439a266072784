import type { WriteTurns } from './write-turns';

/** How long a statement keeps trying a locked database, as busy_timeout=5000 did before. */
export const BUSY_GIVE_UP_MS = 5000;

/** Whether better-sqlite3 threw because another connection holds the lock (SQLITE_BUSY and its extended codes). */
export const isBusy = (e: unknown): boolean =>
  typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('SQLITE_BUSY');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `attempt` until it does not find the database locked: waits 1, 2, 4 … ms (at most 100 ms) between
 * tries without holding the event loop, or less when the writer thread announces a commit (`turns`), and
 * after `giveUpMs` throws the last SQLITE_BUSY error as is. Only for statements whose failure changed
 * nothing (outside a transaction, or BEGIN itself).
 */
export async function retryBusy<T>(attempt: () => T, turns?: WriteTurns, giveUpMs = BUSY_GIVE_UP_MS): Promise<T> {
  const start = performance.now();
  let waiting = false;
  try {
    for (let wait = 1; ; wait = Math.min(wait * 2, 100)) {
      const seen = turns?.commits() ?? 0;
      try {
        return attempt();
      } catch (e) {
        if (!isBusy(e) || performance.now() - start >= giveUpMs) throw e;
      }
      if (turns && !waiting) {
        turns.enter();
        waiting = true;
      }
      const ms = Math.max(1, Math.min(wait, giveUpMs - (performance.now() - start)));
      await (turns ? turns.nextCommit(seen, ms) : sleep(ms));
    }
  } finally {
    if (waiting) turns!.leave();
  }
}
