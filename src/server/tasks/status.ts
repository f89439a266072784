/** Status changes a task reports or is given: started, aborted, failed, completed, closed, published. */
import type { z } from 'zod';
import * as api from '../../shared/api/tasks';
import type { Task } from '../../shared/api/records';
import type { TaskStatus } from '../../shared/task-state';
import { endpoint, type RequestContext } from '../http/endpoint';
import { isoNow } from '../ids';
import { removeFromAllQueues } from '../queues/entries';
import { assertTransition, getTaskOr400, withStatus } from './common';
import { many } from '../http/many';
import { pipelineSteps } from './pipeline-steps';

type StatusReq = z.infer<typeof api.tasksStatusChange>;

async function setStatus(
  ctx: RequestContext,
  req: StatusReq,
  to: TaskStatus,
  action: string,
  extra: (t: Task) => Partial<Task> = () => ({}),
) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    assertTransition(t, to, `${action} ${t.id}`, req.force);
    const { task, fields } = withStatus(t, to, ctx.identity, {
      reason: req.status_reason,
      message: req.status_message,
      extra: extra(t),
    });
    await ctx.store.tasks.update(task);
    return { task, before: t, fields };
  });
}

export async function publishTask(ctx: RequestContext, req: StatusReq) {
  const r = await setStatus(ctx, req, 'published', 'publish', () => ({ published: isoNow() }));
  for (const ref of r.task.models.output) {
    const m = await ctx.store.models.get(ref.model);
    if (m && !m.ready) await ctx.store.models.update({ ...m, ready: true, last_update: isoNow() });
  }
  return r;
}

/** Runs one action per id, reporting what succeeded and what was refused (and why). */

/** Aborts a task read in the caller's transaction. One run by a live agent is asked to stop (`stopping`); the agent then reports `stopped`. */
async function stopOne(ctx: RequestContext, t: Task, req: Omit<z.infer<typeof api.tasksStop>, 'task'>) {
  // The agent is live if it is registered, or (the registry is memory only, so after a server
  // restart) if the task heard from it within the worker timeout.
  const workers = ctx.runtime.workers;
  const workerActive =
    !!t.last_worker &&
    !t.system_tags.includes('development') &&
    (!!(await workers.get(t.last_worker)) || Date.now() - Date.parse(t.last_update) < workers.defaultTimeoutSec * 1000);
  if (t.status === 'in_progress' && workerActive && !req.force) {
    const now = isoNow();
    await ctx.store.tasks.update({
      ...t,
      status_message: 'stopping',
      status_reason: req.status_reason ?? '',
      last_change: now,
    });
    return { updated: 1, fields: { status_message: 'stopping' } };
  }
  assertTransition(t, 'stopped', `abort ${t.id}`, req.force);
  if (t.status === 'queued') await removeFromAllQueues(ctx.store, t.id);
  const { task, fields } = withStatus(t, 'stopped', ctx.identity, {
    reason: req.status_reason,
    message: req.status_message ?? `Stopped by ${ctx.identity.userName}`,
    extra: { execution: { ...t.execution, queue: null } },
  });
  await ctx.store.tasks.update(task);
  return { updated: 1, fields };
}

/**
 * Aborts a task; with `include_pipeline_steps`, a controller's pending and running steps first. clearml-server passes
 * `force` for every step, finished ones too; here a finished step keeps its status.
 */
export async function stopTask(ctx: RequestContext, req: z.infer<typeof api.tasksStop>) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    if (req.include_pipeline_steps) {
      for (const step of await pipelineSteps(ctx.store, [t]))
        if (step.status === 'queued' || step.status === 'in_progress')
          await stopOne(ctx, step, { status_reason: req.status_reason });
    }
    return stopOne(ctx, t, req);
  });
}

export const statusEndpoints = [
  endpoint('tasks.started', async (req, ctx) => {
    const workers = await ctx.runtime.workers.list();
    const r = await setStatus(ctx, req, 'in_progress', 'start', (t) => ({
      started: t.started ?? isoNow(),
      // As in clearml-server, only a worker's status report makes it the task's worker: a script run
      // by hand has none, so aborting it stops it at once instead of waiting for an agent.
      last_worker: workers.find((w) => w.task === t.id)?.id ?? t.last_worker,
    }));
    if (r.before.status === 'queued') await removeFromAllQueues(ctx.store, r.task.id);
    return { updated: 1, fields: { ...r.fields, started: r.task.started }, started: 1 };
  }),
  endpoint('tasks.stop', async (req, ctx) => stopTask(ctx, req)),
  endpoint('tasks.stopped', async (req, ctx) => {
    const r = await setStatus(ctx, req, 'stopped', 'mark aborted', () => ({ completed: isoNow() }));
    return { updated: 1, fields: r.fields };
  }),
  endpoint('tasks.completed', async (req, ctx) => {
    const r = await setStatus(ctx, req, 'completed', 'complete', () => ({ completed: isoNow() }));
    if (req.publish) {
      const p = await publishTask(ctx, { task: req.task, force: req.force });
      return { updated: 1, fields: p.fields, published: 1 };
    }
    return { updated: 1, fields: r.fields, published: 0 };
  }),
  endpoint('tasks.failed', async (req, ctx) => {
    const r = await setStatus(ctx, req, 'failed', 'mark failed', () => ({ completed: isoNow() }));
    return { updated: 1, fields: r.fields };
  }),
  endpoint('tasks.close', async (req, ctx) => {
    const r = await setStatus(ctx, req, 'closed', 'close');
    return { updated: 1, fields: r.fields };
  }),
  endpoint('tasks.publish', async (req, ctx) => {
    const r = await publishTask(ctx, req);
    return { updated: 1, fields: r.fields };
  }),
  endpoint('tasks.stop_many', async (req, ctx) =>
    many(req.ids, (id) =>
      stopTask(ctx, {
        task: id,
        force: req.force,
        status_reason: req.status_reason,
        include_pipeline_steps: req.include_pipeline_steps,
      }),
    ),
  ),
  endpoint('tasks.publish_many', async (req, ctx) =>
    many(req.ids, async (id) => ({ updated: 1, fields: (await publishTask(ctx, { task: id, force: req.force })).fields })),
  ),
];
