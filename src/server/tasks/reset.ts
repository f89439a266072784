/** Reset: a task back to Draft without its outputs. */
import type { z } from 'zod';
import * as api from '../../shared/api/tasks';
import { endpoint, type RequestContext } from '../http/endpoint';
import { removeStoredFiles } from '../files/cleanup';
import { removeFromAllQueues } from '../queues/entries';
import { assertTransition, getTaskOr400, withStatus } from './common';
import { clearOutputs } from './outputs';
import { many } from '../http/many';

async function resetTask(ctx: RequestContext, req: z.infer<typeof api.tasksReset>) {
  const { urls, ...result } = await ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    assertTransition(t, 'created', `reset ${t.id}`, req.force);
    const removed = await removeFromAllQueues(ctx.store, t.id);
    const cleared = await clearOutputs(ctx.store, t, { models: req.delete_output_models === false });
    const base = req.clear_all ? { ...cleared.task, script: {}, execution: { artifacts: [], parameters: {} } } : cleared.task;
    const { task, fields } = withStatus(base, 'created', ctx.identity, {
      reason: req.status_reason ?? 'reset',
      message: req.status_message ?? 'reset',
    });
    await ctx.store.tasks.update(task);
    return {
      updated: 1,
      fields,
      dequeued: { removed },
      deleted_models: cleared.deletedModels,
      events: { deleted: cleared.events },
      urls: cleared.urls,
    };
  });
  await removeStoredFiles(ctx.config, urls);
  return { ...result, ...(req.return_file_urls ? { urls: { artifact_urls: urls } } : {}) };
}

export const resetEndpoints = [
  endpoint('tasks.reset', async (req, ctx) => resetTask(ctx, req)),
  endpoint('tasks.reset_many', async (req, ctx) =>
    many(req.ids, (id) =>
      resetTask(ctx, {
        task: id,
        force: req.force,
        status_reason: req.status_reason,
        status_message: req.status_message,
        clear_all: req.clear_all,
        return_file_urls: req.return_file_urls,
        delete_output_models: req.delete_output_models,
      }),
    ),
  ),
];
