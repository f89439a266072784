/** Enqueueing and dequeueing tasks. */
import type { z } from 'zod';
import * as api from '../../shared/api/tasks';
import type { Task } from '../../shared/api/records';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { addEntry, removeFromAllQueues, resolveQueue } from '../queues/entries';
import { assertTransition, describe, getTaskOr400, withStatus } from './common';
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
    (task as Task & { enqueue_status?: string }).enqueue_status = t.status;
    await ctx.store.tasks.update(task);
    return { updated: 1, fields: { ...fields, 'execution.queue': queue.id }, queued: 1 };
  });
}

/** Whether a live worker serves the queue (clearml-server's check_for_workers), for `verify_watched_queue`. */
export async function watched(ctx: RequestContext, queue: string): Promise<boolean> {
  return (await ctx.runtime.workers.list()).some((w) => w.queues.includes(queue));
}

async function dequeueTask(ctx: RequestContext, req: z.infer<typeof api.tasksDequeue>) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    if (t.status !== 'queued') {
      throw errors.invalidTaskStatus(`Cannot dequeue: ${describe(t)}; only Pending (queued) tasks can be dequeued`, {
        task: t.id,
        status: t.status,
      });
    }
    const removed = await removeFromAllQueues(ctx.store, t.id);
    const to = req.new_status ?? 'created';
    assertTransition(t, to, `dequeue ${t.id}`);
    const { task, fields } = withStatus(t, to, ctx.identity, {
      reason: req.status_reason,
      message: req.status_message,
      extra: { execution: { ...t.execution, queue: null } },
    });
    await ctx.store.tasks.update(task);
    return { updated: 1, fields, dequeued: removed ? 1 : 0 };
  });
}

/** Aborts a task. One run by a live agent is asked to stop (`stopping`); the agent then reports `stopped`. */

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
