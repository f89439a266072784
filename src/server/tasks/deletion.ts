/** Deleting tasks with their outputs and stored files. */
import type { z } from 'zod';
import type { Task } from '../../shared/api/records';
import type { ManyResult } from '../../shared/api/results';
import * as api from '../../shared/api/tasks';
import { endpoint, type RequestContext } from '../http/endpoint';
import { ApiError, errors } from '../http/errors';
import { refusal } from '../http/many';
import { removeStoredFiles } from '../files/cleanup';
import { eachBatch } from '../batches';
import { lockedTasks } from './locked';
import { describe, getTaskOr400 } from './common';
import { deleteTasks, type Keep } from './outputs';
import { pipelineSteps } from './pipeline-steps';

function assertDeletable(t: Task, force: boolean | undefined) {
  if (!force && t.status !== 'created' && !t.system_tags.includes('archived')) {
    throw errors.invalidTaskStatus(`Cannot delete: ${describe(t)}; only Draft or archived tasks are deleted without force`, {
      task: t.id,
      status: t.status,
    });
  }
}

/** Points the children of deleted tasks at a parent that says so, as clearml-server does. */
async function orphanChildren(ctx: RequestContext, parents: string[]) {
  for (const child of await ctx.store.tasks.query({ parents, includeHidden: true })) {
    await ctx.store.tasks.update({ ...child, parent: `__DELETED__${child.parent}` });
  }
}

/**
 * With `include_pipeline_steps`, deletes the steps of the controllers among `tasks` (whatever their status, as
 * clearml-server forces it), leaving out those in `except`; returns their stored files' URLs.
 */
async function deleteSteps(ctx: RequestContext, include: boolean | undefined, tasks: Task[], keep: Keep, except: Set<string>) {
  if (!include) return [];
  const steps = (await pipelineSteps(ctx.store, tasks)).filter((s) => !except.has(s.id));
  if (!steps.length) return [];
  await orphanChildren(
    ctx,
    steps.map((s) => s.id),
  );
  return (await deleteTasks(ctx.store, steps, keep)).urls;
}

async function deleteTask(ctx: RequestContext, req: z.infer<typeof api.tasksDelete>) {
  const keep: Keep = { models: req.delete_output_models === false };
  const { urls, stepUrls, ...result } = await ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    assertDeletable(t, req.force);
    const stepUrls = await deleteSteps(ctx, req.include_pipeline_steps, [t], keep, new Set());
    await orphanChildren(ctx, [t.id]);
    const { events, deletedModels, urls } = await deleteTasks(ctx.store, [t], keep);
    return {
      stepUrls,
      deleted: true,
      updated_children: 0,
      updated_models: 0,
      deleted_models: deletedModels,
      events: { deleted: events },
      urls,
    };
  });
  const deletedFiles = await removeStoredFiles(ctx.config, urls);
  await removeStoredFiles(ctx.config, stepUrls);
  return { ...result, deleted_files: deletedFiles, ...(req.return_file_urls ? { urls: { artifact_urls: urls } } : {}) };
}

/**
 * tasks.delete_many: the ids a batch at a time, each batch one transaction (its tasks deleted together, see
 * deleteTasks) with the event loop turning between two; an id refused is reported, as `many` does, and the rest of
 * its batch still goes.
 */
async function deleteManyTasks(ctx: RequestContext, req: z.infer<typeof api.tasksDeleteMany>) {
  const { succeeded, failed }: ManyResult = { succeeded: [], failed: [] };
  const keep: Keep = { models: req.delete_output_models === false };
  await eachBatch(
    ctx,
    req.ids,
    async (ids) => {
      const found = await lockedTasks(ctx.store, ids);
      const deletable: Task[] = [];
      for (const id of ids) {
        const t = found.get(id);
        try {
          if (!t) throw errors.invalidTaskId(id);
          assertDeletable(t, req.force);
          found.delete(id); // an id given twice: the second finds it gone, as one call after another would
          deletable.push(t);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          failed.push(refusal(id, e));
        }
      }
      const stepUrls = await deleteSteps(ctx, req.include_pipeline_steps, deletable, keep, new Set(deletable.map((t) => t.id)));
      await orphanChildren(
        ctx,
        deletable.map((t) => t.id),
      );
      return { deletable, stepUrls, dropped: await deleteTasks(ctx.store, deletable, keep) };
    },
    async (done) => {
      await removeStoredFiles(ctx.config, done.stepUrls);
      for (const t of done.deletable) {
        const out = done.dropped.byTask.get(t.id)!;
        succeeded.push({
          id: t.id,
          deleted: true,
          updated_children: 0,
          updated_models: 0,
          deleted_models: out.deletedModels,
          deleted_files: await removeStoredFiles(ctx.config, out.urls),
          ...(req.return_file_urls ? { urls: { artifact_urls: out.urls } } : {}),
        });
      }
    },
  );
  return { succeeded, failed };
}

export const deletionEndpoints = [
  endpoint('tasks.delete', async (req, ctx) => deleteTask(ctx, req)),
  endpoint('tasks.delete_many', async (req, ctx) => deleteManyTasks(ctx, req)),
];
