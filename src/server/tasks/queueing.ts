/** Enqueueing and dequeueing tasks. */
import type { z } from 'zod';
import * as api from '../../shared/api/tasks';
import type { Task } from '../../shared/api/records';
import type { TaskStatus } from '../../shared/task-state';
import { endpoint, type RequestContext } from '../http/endpoint';
import { addEntry, removeFromAllQueues, resolveQueue } from '../queues/entries';
import { assertTransition, getTaskOr400, withStatus } from './common';
import { many } from '../http/many';

/** Puts the task in a queue (the default one unless named), as tasks.enqueue does. */
export async function enqueueTask(ctx: RequestContext, req: z.infer<typeof api.tasksEnqueue>) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    assertTransition(t, 'queued', `enqueue ${t.id}`, req.force);
    const queue = await resolveQueue(ctx.store, ctx.identity, req);
    await removeFromAllQueues(ctx.store, t.id);
    await addEntry(ctx.store, (await ctx.store.queues.get(queue.id))!, t.id);
    const { task, fields } = withStatus(t, 'queued', ctx.identity, {
      reason: req.status_reason,
      message: req.status_message,
      extra: {
        execution: { ...t.execution, queue: queue.id },
        system_tags: t.system_tags.filter((s) => s !== 'development'),
      },
    });
    // Moved from one queue to another, a task keeps the status it was first enqueued from (else a dequeue would leave
    // it Pending in no queue).
    const was = t as Task & { enqueue_status?: TaskStatus };
    (task as typeof was).enqueue_status = t.status === 'queued' ? (was.enqueue_status ?? 'created') : t.status;
    await ctx.store.tasks.update(task);
    return { updated: 1, fields: { ...fields, 'execution.queue': queue.id }, queued: 1 };
  });
}

/** Whether a live worker serves the queue (clearml-server's check_for_workers), for `verify_watched_queue`. */
export async function watched(ctx: RequestContext, queue: string): Promise<boolean> {
  return (await ctx.runtime.workers.list()).some((w) => w.queues.includes(queue));
}

/**
 * clearml-server's rule: the task leaves its queues; a Pending or Running one then goes to `new_status`, else to the
 * status it was enqueued from, else Draft (forced, as there). Any other status is left as it is (`updated: 0`, no
 * error): clearml-agent sends it as a safety net before it starts a task, whatever the task's status.
 */
async function dequeueTask(ctx: RequestContext, req: z.infer<typeof api.tasksDequeue>) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    const removed = await removeFromAllQueues(ctx.store, t.id);
    if (t.status !== 'queued' && t.status !== 'in_progress') return { updated: 0, fields: {}, dequeued: removed ? 1 : 0 };
    const { enqueue_status: from, ...rest } = t as Task & { enqueue_status?: TaskStatus };
    const to = req.new_status ?? (from && from !== 'queued' ? from : 'created');
    const { task, fields } = withStatus(rest, to, ctx.identity, {
      reason: req.status_reason,
      message: req.status_message,
      extra: { execution: { ...t.execution, queue: null } },
    });
    await ctx.store.tasks.update(task);
    return { updated: 1, fields, dequeued: removed ? 1 : 0 };
  });
}

export const queueingEndpoints = [
  endpoint('tasks.enqueue', async (req, ctx) => {
    const done = await enqueueTask(ctx, req);
    return req.verify_watched_queue ? { ...done, queue_watched: await watched(ctx, done.fields['execution.queue']) } : done;
  }),
  endpoint('tasks.dequeue', async (req, ctx) => dequeueTask(ctx, req)),
  endpoint('tasks.enqueue_many', async (req, ctx) => {
    const done = await many(req.ids, (id) =>
      enqueueTask(ctx, { task: id, queue: req.queue, queue_name: req.queue_name, status_reason: req.status_reason }),
    );
    // As clearml-server: asked, the queue the first enqueued task went to says it for all.
    const first = done.succeeded[0]?.fields['execution.queue'];
    return req.verify_watched_queue && first ? { ...done, queue_watched: await watched(ctx, first) } : done;
  }),
  endpoint('tasks.dequeue_many', async (req, ctx) =>
    many(req.ids, (id) => dequeueTask(ctx, { task: id, status_reason: req.status_reason })),
  ),
];
