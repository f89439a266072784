import type { z } from 'zod';
import * as api from '../../shared/api/tasks';
import type { Task } from '../../shared/entities';
import type { TaskStatus } from '../../shared/task-state';
import { endpoint, type RequestContext } from '../http/endpoint';
import { ApiError, errors } from '../http/errors';
import { isoNow, newId } from '../ids';
import { ensureProject, getProjectOr400 } from '../projects/paths';
import { removeStoredFiles } from '../files/cleanup';
import { addEntry, removeFromAllQueues, resolveQueue } from '../queues/entries';
import { assertTransition, blankTask, describe, getTaskOr400, normalizeConfiguration, normalizeHyperParams, withStatus } from './common';
import { clearOutputs } from './outputs';

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


async function publishTask(ctx: RequestContext, req: StatusReq) {
  const r = await setStatus(ctx, req, 'published', 'publish', () => ({ published: isoNow() }));
  for (const ref of r.task.models.output) {
    const m = await ctx.store.models.get(ref.model);
    if (m && !m.ready) await ctx.store.models.update({ ...m, ready: true, last_update: isoNow() });
  }
  return r;
}

/** Runs one action per id, reporting what succeeded and what was refused (and why). */
async function many<T>(ids: string[], run: (id: string) => Promise<T>) {
  const succeeded: (T & { id: string })[] = [];
  const failed: { id: string; error: { codes: number[]; msg: string; data: Record<string, unknown> } }[] = [];
  for (const id of ids) {
    try {
      succeeded.push({ id, ...(await run(id)) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      failed.push({ id, error: { codes: [e.code, e.subcode], msg: e.message, data: e.data } });
    }
  }
  return { succeeded, failed };
}

async function archive(ctx: RequestContext, id: string, reason?: string) {
  return ctx.store.transaction(async () => {
    let t = await getTaskOr400(ctx.store, id);
    if (t.system_tags.includes('archived')) {
      throw errors.invalidTaskStatus(`Cannot archive: task "${t.name}" (${t.id}) is already archived`, { task: t.id });
    }
    // Archiving takes a task out of the running: a queued one is dequeued, a running one aborted.
    if (t.status === 'queued') {
      await removeFromAllQueues(ctx.store, t.id);
      t = withStatus(t, 'created', ctx.identity, { reason: reason ?? 'archived' }).task;
      t.execution = { ...t.execution, queue: null };
    } else if (t.status === 'in_progress') {
      t = withStatus(t, 'stopped', ctx.identity, { reason: reason ?? 'archived', message: `Stopped by ${ctx.identity.userName}` }).task;
    }
    if (!t.system_tags.includes('archived')) t = { ...t, system_tags: [...t.system_tags, 'archived'], last_update: isoNow() };
    await ctx.store.tasks.update(t);
    return { archived: true };
  });
}

async function unarchive(ctx: RequestContext, id: string) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, id);
    if (!t.system_tags.includes('archived')) {
      throw errors.invalidTaskStatus(`Cannot restore: task "${t.name}" (${t.id}) is not archived`, { task: t.id });
    }
    await ctx.store.tasks.update({ ...t, system_tags: t.system_tags.filter((s) => s !== 'archived'), last_update: isoNow() });
    return { unarchived: true };
  });
}

async function deleteTask(ctx: RequestContext, req: z.infer<typeof api.tasksDelete>) {
  const { urls, ...result } = await ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    const archived = t.system_tags.includes('archived');
    if (!req.force && t.status !== 'created' && !archived) {
      throw errors.invalidTaskStatus(
        `Cannot delete: ${describe(t)}; only Draft or archived tasks are deleted without force`,
        { task: t.id, status: t.status },
      );
    }
    await removeFromAllQueues(ctx.store, t.id);
    const { events, deletedModels, urls } = await clearOutputs(ctx.store, t);
    for (const child of await ctx.store.tasks.query({ parents: [t.id], includeHidden: true })) {
      await ctx.store.tasks.update({ ...child, parent: `__DELETED__${t.id}` });
    }
    await ctx.store.tasks.delete(t.id);
    return { deleted: true, updated_children: 0, updated_models: 0, deleted_models: deletedModels, events: { deleted: events }, urls };
  });
  const deletedFiles = await removeStoredFiles(ctx.config, urls);
  return { ...result, deleted_files: deletedFiles, ...(req.return_file_urls ? { urls: { artifact_urls: urls } } : {}) };
}

async function resetTask(ctx: RequestContext, req: z.infer<typeof api.tasksReset>) {
  const { urls, ...result } = await ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    assertTransition(t, 'created', `reset ${t.id}`, req.force);
    const removed = await removeFromAllQueues(ctx.store, t.id);
    const cleared = await clearOutputs(ctx.store, t);
    const base = req.clear_all ? { ...cleared.task, script: {}, execution: { artifacts: [], parameters: {} } } : cleared.task;
    const { task, fields } = withStatus(base, 'created', ctx.identity, {
      reason: req.status_reason ?? 'reset',
      message: req.status_message ?? 'reset',
    });
    await ctx.store.tasks.update(task);
    return { updated: 1, fields, dequeued: { removed }, deleted_models: cleared.deletedModels, events: { deleted: cleared.events }, urls: cleared.urls };
  });
  await removeStoredFiles(ctx.config, urls);
  return { ...result, ...(req.return_file_urls ? { urls: { artifact_urls: urls } } : {}) };
}

async function enqueueTask(ctx: RequestContext, req: z.infer<typeof api.tasksEnqueue>) {
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
    return { updated: 1, fields: { ...fields, 'execution.queue': queue.id }, queued: 1, queue_watched: false };
  });
}

async function dequeueTask(ctx: RequestContext, req: z.infer<typeof api.tasksDequeue>) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    if (t.status !== 'queued') {
      throw errors.invalidTaskStatus(`Cannot dequeue: ${describe(t)}; only Pending (queued) tasks can be dequeued`, {
        task: t.id, status: t.status,
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
async function stopTask(ctx: RequestContext, req: z.infer<typeof api.tasksStatusChange>) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    // The agent is live if it is registered, or (the registry is memory only, so after a server
    // restart) if the task heard from it within the worker timeout.
    const workers = ctx.runtime.workers;
    const workerActive =
      !!t.last_worker &&
      !t.system_tags.includes('development') &&
      (!!workers.get(t.last_worker) || Date.now() - Date.parse(t.last_update) < workers.defaultTimeoutSec * 1000);
    if (t.status === 'in_progress' && workerActive && !req.force) {
      const now = isoNow();
      await ctx.store.tasks.update({ ...t, status_message: 'stopping', status_reason: req.status_reason ?? '', last_change: now });
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
  });
}

export const lifecycleEndpoints = [
  endpoint('tasks.started', api.tasksStatusChange, async (req, ctx) => {
    const r = await setStatus(ctx, req, 'in_progress', 'start', (t) => ({
      started: t.started ?? isoNow(),
      // As in clearml-server, only a worker's status report makes it the task's worker: a script run
      // by hand has none, so aborting it stops it at once instead of waiting for an agent.
      last_worker: ctx.runtime.workers.list().find((w) => w.task === t.id)?.id ?? t.last_worker,
    }));
    if (r.before.status === 'queued') await removeFromAllQueues(ctx.store, r.task.id);
    return { updated: 1, fields: { ...r.fields, started: r.task.started }, started: 1 };
  }),

  endpoint('tasks.stop', api.tasksStatusChange, async (req, ctx) => stopTask(ctx, req)),

  endpoint('tasks.stopped', api.tasksStatusChange, async (req, ctx) => {
    const r = await setStatus(ctx, req, 'stopped', 'mark aborted', () => ({ completed: isoNow() }));
    return { updated: 1, fields: r.fields };
  }),

  endpoint('tasks.completed', api.tasksCompleted, async (req, ctx) => {
    const r = await setStatus(ctx, req, 'completed', 'complete', () => ({ completed: isoNow() }));
    if (req.publish) {
      const p = await publishTask(ctx, { task: req.task, force: req.force });
      return { updated: 1, fields: p.fields, published: 1 };
    }
    return { updated: 1, fields: r.fields, published: 0 };
  }),

  endpoint('tasks.failed', api.tasksStatusChange, async (req, ctx) => {
    const r = await setStatus(ctx, req, 'failed', 'mark failed', () => ({ completed: isoNow() }));
    return { updated: 1, fields: r.fields };
  }),

  endpoint('tasks.close', api.tasksStatusChange, async (req, ctx) => {
    const r = await setStatus(ctx, req, 'closed', 'close');
    return { updated: 1, fields: r.fields };
  }),

  endpoint('tasks.publish', api.tasksPublish, async (req, ctx) => {
    const r = await publishTask(ctx, req);
    return { updated: 1, fields: r.fields };
  }),

  endpoint('tasks.reset', api.tasksReset, async (req, ctx) => resetTask(ctx, req)),

  endpoint('tasks.clone', api.tasksClone, async (req, ctx) =>
    ctx.store.transaction(async () => {
      const src = await getTaskOr400(ctx.store, req.task);
      let project = src.project;
      let newProject: { id: string; name: string } | undefined;
      if (req.new_project_name) {
        const p = (await ensureProject(ctx.store, ctx.identity, req.new_project_name)).project;
        project = p.id;
        newProject = { id: p.id, name: p.name };
      } else if (req.new_task_project) project = (await getProjectOr400(ctx.store, req.new_task_project)).id;
      const parentOk = src.parent && !src.parent.startsWith('__DELETED__');
      const execution = {
        ...structuredClone(src.execution),
        ...req.execution_overrides,
        queue: null,
        artifacts: (src.execution.artifacts ?? []).filter((a) => a.mode === 'input'),
      } as Task['execution'];
      const clone = blankTask(ctx.identity, {
        id: newId(),
        name: req.new_task_name ?? `${src.name} (clone)`,
        type: src.type,
        comment: req.new_task_comment ?? src.comment,
        project,
        // An empty new_task_parent asks for no parent at all.
        parent: req.new_task_parent !== undefined ? req.new_task_parent || null : parentOk ? src.parent : src.id,
        tags: req.new_task_tags ?? [...src.tags],
        system_tags: req.new_task_system_tags ?? src.system_tags.filter((s) => s !== 'development' && s !== 'archived'),
        script: structuredClone(src.script),
        execution,
        output: { destination: src.output?.destination ?? null },
        models: { input: req.new_task_input_models ?? structuredClone(src.models.input), output: [] },
        hyperparams: req.new_task_hyperparams ? normalizeHyperParams(req.new_task_hyperparams) : structuredClone(src.hyperparams),
        configuration: req.new_task_configuration
          ? normalizeConfiguration(req.new_task_configuration)
          : structuredClone(src.configuration),
        container: (req.new_task_container as Record<string, string>) ?? { ...src.container },
      });
      await ctx.store.tasks.insert(clone);
      return newProject ? { id: clone.id, new_project: newProject } : { id: clone.id };
    }),
  ),

  endpoint('tasks.enqueue', api.tasksEnqueue, async (req, ctx) => enqueueTask(ctx, req)),

  endpoint('tasks.dequeue', api.tasksDequeue, async (req, ctx) => dequeueTask(ctx, req)),

  // All or nothing: every task is checked before any changes.
  endpoint('tasks.archive', api.tasksArchive, async (req, ctx) =>
    ctx.store.transaction(async () => {
      for (const id of req.tasks) await archive(ctx, id, req.status_reason);
      return { archived: req.tasks.length };
    }),
  ),
  endpoint('tasks.unarchive', api.tasksArchive, async (req, ctx) =>
    ctx.store.transaction(async () => {
      for (const id of req.tasks) await unarchive(ctx, id);
      return { unarchived: req.tasks.length };
    }),
  ),
  endpoint('tasks.archive_many', api.tasksMany, async (req, ctx) => many(req.ids, (id) => archive(ctx, id, req.status_reason))),
  endpoint('tasks.unarchive_many', api.tasksMany, async (req, ctx) => many(req.ids, (id) => unarchive(ctx, id))),

  endpoint('tasks.delete', api.tasksDelete, async (req, ctx) => deleteTask(ctx, req)),
  endpoint('tasks.delete_many', api.tasksMany, async (req, ctx) =>
    many(req.ids, (id) => deleteTask(ctx, { task: id, force: req.force })),
  ),

  endpoint('tasks.move', api.tasksMove, async (req, ctx) =>
    ctx.store.transaction(async () => {
      if (req.project === undefined && !req.project_name) throw errors.validation('Give "project" or "project_name" to move tasks to');
      let projectId: string | null = req.project ?? null;
      if (req.project_name) projectId = (await ensureProject(ctx.store, ctx.identity, req.project_name)).project.id;
      else if (projectId) await getProjectOr400(ctx.store, projectId);
      const tasks = await Promise.all(req.ids.map((id) => getTaskOr400(ctx.store, id)));
      for (const t of tasks) await ctx.store.tasks.update({ ...t, project: projectId, last_update: isoNow() });
      return { project_id: projectId };
    }),
  ),

  // Batch versions, as the web app's multi-select bar uses them: each task on its own.
  endpoint('tasks.enqueue_many', api.tasksEnqueueMany, async (req, ctx) =>
    many(req.ids, (id) => enqueueTask(ctx, { task: id, queue: req.queue, queue_name: req.queue_name, status_reason: req.status_reason })),
  ),
  endpoint('tasks.dequeue_many', api.tasksMany, async (req, ctx) =>
    many(req.ids, (id) => dequeueTask(ctx, { task: id, status_reason: req.status_reason })),
  ),
  endpoint('tasks.reset_many', api.tasksMany, async (req, ctx) =>
    many(req.ids, (id) => resetTask(ctx, { task: id, force: req.force, status_reason: req.status_reason })),
  ),
  endpoint('tasks.stop_many', api.tasksMany, async (req, ctx) =>
    many(req.ids, (id) => stopTask(ctx, { task: id, force: req.force, status_reason: req.status_reason })),
  ),
  endpoint('tasks.publish_many', api.tasksMany, async (req, ctx) =>
    many(req.ids, async (id) => ({ updated: 1, fields: (await publishTask(ctx, { task: id, force: req.force })).fields })),
  ),
];
