import type { Queue } from '../../shared/api/records';
import type { Identity } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow, newRecord } from '../ids';
import type { Store } from '../store/store';

export const DEFAULT_QUEUE_NAME = 'default';

export async function getQueueOr400(store: Store, id: string): Promise<Queue> {
  const q = await store.queues.get(id);
  if (!q) throw errors.invalidQueueId(id);
  return q;
}

export async function createQueue(store: Store, who: Identity, name: string, extra: Partial<Queue> = {}): Promise<Queue> {
  if (await store.queues.getByName(name)) throw errors.queueExists(name);
  const q: Queue = {
    ...newRecord(who, name),
    display_name: name,
    entries: [],
    metadata: {},
    ...extra,
  };
  await store.queues.insert(q);
  return q;
}

/** The queue tagged `default` (created on first start). */
export async function defaultQueue(store: Store): Promise<Queue> {
  const all = await store.queues.list();
  const q = all.find((x) => x.system_tags.includes('default')) ?? all.find((x) => x.name === DEFAULT_QUEUE_NAME);
  if (!q) throw errors.noDefaultQueue();
  return q;
}

export async function ensureDefaultQueue(store: Store, who: Identity): Promise<void> {
  const all = await store.queues.list();
  if (all.some((q) => q.system_tags.includes('default'))) return;
  const named = all.find((q) => q.name === DEFAULT_QUEUE_NAME);
  if (named) await store.queues.update({ ...named, system_tags: [...named.system_tags, 'default'] });
  else await createQueue(store, who, DEFAULT_QUEUE_NAME, { system_tags: ['default'] });
}

/** Resolves the queue of an enqueue request: by id, by name (created when missing), or the default. */
export async function resolveQueue(
  store: Store,
  who: Identity,
  req: { queue?: string | null; queue_name?: string },
): Promise<Queue> {
  if (req.queue && req.queue_name) throw errors.validation('Give either "queue" or "queue_name", not both');
  if (req.queue) return getQueueOr400(store, req.queue);
  if (req.queue_name) return (await store.queues.getByName(req.queue_name)) ?? createQueue(store, who, req.queue_name);
  return defaultQueue(store);
}

export async function addEntry(store: Store, queue: Queue, taskId: string): Promise<void> {
  if (queue.entries.some((e) => e.task === taskId)) return;
  await store.queues.update({ ...queue, entries: [...queue.entries, { task: taskId, added: isoNow() }], last_update: isoNow() });
}

/** Removes the task (or tasks) from every queue that holds it; returns how many entries went. */
export async function removeFromAllQueues(store: Store, taskIds: string | string[]): Promise<number> {
  const ids = new Set(typeof taskIds === 'string' ? [taskIds] : taskIds);
  let removed = 0;
  for (const q of await store.queues.findByTasks([...ids])) {
    const entries = q.entries.filter((e) => !ids.has(e.task));
    removed += q.entries.length - entries.length;
    await store.queues.update({ ...q, entries, last_update: isoNow() });
  }
  return removed;
}
