import type { Task } from '../../shared/api/records';
import type { Store } from '../store/store';

/**
 * The tasks among `ids` that exist, by id, locked for the caller's transaction (PostgreSQL; SQLite runs one at a time)
 * and read without their metrics: what a batch of a bulk change works on.
 */
export async function lockedTasks(store: Store, ids: string[]): Promise<Map<string, Task>> {
  const unique = [...new Set(ids)];
  await store.tasks.statuses(unique);
  return new Map((await store.tasks.query({ ids: unique, includeHidden: true, withMetrics: false })).map((t) => [t.id, t]));
}
