import type { Identity } from './http/endpoint';
import { isoNow } from './ids';
import type { Logger } from './log';
import type { Store } from './store/store';
import { withStatus } from './tasks/common';

const SYSTEM: Identity = { user: 'watchdog', userName: 'Taskdeck watchdog', company: '' };

/** Marks running tasks that went silent (no ping, event or update) as aborted. Returns their ids. */
export async function abortNonResponsive(store: Store, thresholdSec: number, now = Date.now()): Promise<string[]> {
  const cutoff = isoNow(new Date(now - thresholdSec * 1000));
  return store.transaction(async () => {
    const stale = await store.tasks.query({ statuses: ['in_progress'], lastUpdateBefore: cutoff, includeHidden: true });
    for (const t of stale) {
      const { task } = withStatus(t, 'stopped', SYSTEM, {
        reason: `Forced stop (non-responsive): no ping, event or update for over ${thresholdSec} seconds`,
        message: 'Forced stop (non-responsive)',
      });
      await store.tasks.update(task);
    }
    return stale.map((t) => t.id);
  });
}

export function startWatchdog(store: Store, thresholdSec: number, intervalSec: number, log: Logger): () => void {
  const timer = setInterval(
    () => {
      // With several servers on one database, one of them looks at a time.
      store
        .exclusive('taskdeck-watchdog', () => abortNonResponsive(store, thresholdSec))
        .then(
          (ids) => ids?.length && log.info({ tasks: ids }, `watchdog aborted ${ids.length} non-responsive task(s)`),
          (e) => log.error({ err: e }, 'watchdog failed'),
        );
    },
    Math.max(50, intervalSec * 1000),
  );
  timer.unref();
  return () => clearInterval(timer);
}
