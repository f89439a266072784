import type { Identity } from './http/endpoint';
import type { Change, Publisher } from './live/hub';
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

/** What open dashboards are told of tasks the watchdog stopped: each task, the lists that show them, the queues. */
export function abortedChanges(ids: string[]): Change[] {
  return [...ids.map((id): Change => ({ kind: 'task', id })), { kind: 'tasks' }, { kind: 'queue' }];
}

export function startWatchdog(
  store: Store,
  thresholdSec: number,
  intervalSec: number,
  log: Logger,
  live?: Publisher,
): () => void {
  const timer = setInterval(
    () => {
      // With several servers on one database, one of them looks at a time.
      store
        .exclusive('taskdeck-watchdog', () => abortNonResponsive(store, thresholdSec))
        .then(
          (ids) => {
            if (!ids?.length) return;
            log.info({ tasks: ids }, `watchdog aborted ${ids.length} non-responsive task(s)`);
            // Its writes go around the API, whose answers announce changes: it announces its own.
            live?.publish(abortedChanges(ids));
          },
          (e) => log.error({ err: e }, 'watchdog failed'),
        );
    },
    Math.max(50, intervalSec * 1000),
  );
  timer.unref();
  return () => clearInterval(timer);
}
