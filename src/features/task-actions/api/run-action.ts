import { ApiCallError, type ApiClient } from '../../../client';
import type { UserAction } from '../../../shared/task-actions';

export interface ActionOutcome {
  action: UserAction;
  succeeded: string[];
  failed: { id: string; message: string }[];
}

const MANY: Partial<
  Record<
    UserAction,
    | 'tasks.enqueue_many'
    | 'tasks.dequeue_many'
    | 'tasks.stop_many'
    | 'tasks.reset_many'
    | 'tasks.publish_many'
    | 'tasks.archive_many'
    | 'tasks.unarchive_many'
    | 'tasks.delete_many'
  >
> = {
  enqueue: 'tasks.enqueue_many',
  dequeue: 'tasks.dequeue_many',
  abort: 'tasks.stop_many',
  reset: 'tasks.reset_many',
  publish: 'tasks.publish_many',
  archive: 'tasks.archive_many',
  restore: 'tasks.unarchive_many',
  delete: 'tasks.delete_many',
};

const SINGLE: Partial<Record<UserAction, 'tasks.completed' | 'tasks.failed'>> = {
  complete: 'tasks.completed',
  fail: 'tasks.failed',
};

/**
 * Runs an action on tasks, each on its own, and reports per task what the server did and,
 * for refusals, its reason. Nothing is half-done silently.
 */
export async function runAction(
  client: ApiClient,
  action: UserAction,
  ids: string[],
  extra: Record<string, unknown> = {},
): Promise<ActionOutcome> {
  const many = MANY[action];
  if (many) {
    const r = await client.call(many, { ids, ...extra });
    return { action, succeeded: r.succeeded.map((s) => s.id), failed: r.failed.map((f) => ({ id: f.id, message: f.error.msg })) };
  }
  const single = SINGLE[action];
  if (!single) throw new Error(`No batch call for ${action}`);
  const out: ActionOutcome = { action, succeeded: [], failed: [] };
  for (const id of ids) {
    try {
      await client.call(single, { task: id, ...extra });
      out.succeeded.push(id);
    } catch (e) {
      out.failed.push({ id, message: e instanceof ApiCallError ? e.detail : (e as Error).message });
    }
  }
  return out;
}
