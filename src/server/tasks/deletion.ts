/** Deleting tasks with their outputs and stored files. */
import type { z } from 'zod';
import * as api from '../../shared/api/tasks';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { removeStoredFiles } from '../files/cleanup';
import { describe, getTaskOr400 } from './common';
import { deleteTasks } from './outputs';
import { many } from '../http/many';

async function deleteTask(ctx: RequestContext, req: z.infer<typeof api.tasksDelete>) {
  const { urls, ...result } = await ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, req.task);
    const archived = t.system_tags.includes('archived');
    if (!req.force && t.status !== 'created' && !archived) {
      throw errors.invalidTaskStatus(`Cannot delete: ${describe(t)}; only Draft or archived tasks are deleted without force`, {
        task: t.id,
        status: t.status,
      });
    }
    for (const child of await ctx.store.tasks.query({ parents: [t.id], includeHidden: true })) {
      await ctx.store.tasks.update({ ...child, parent: `__DELETED__${t.id}` });
    }
    const { events, deletedModels, urls } = await deleteTasks(ctx.store, [t]);
    return {
      deleted: true,
      updated_children: 0,
      updated_models: 0,
      deleted_models: deletedModels,
      events: { deleted: events },
      urls,
    };
  });
  const deletedFiles = await removeStoredFiles(ctx.config, urls);
  return { ...result, deleted_files: deletedFiles, ...(req.return_file_urls ? { urls: { artifact_urls: urls } } : {}) };
}

export const deletionEndpoints = [
  endpoint('tasks.delete', async (req, ctx) => deleteTask(ctx, req)),
  endpoint('tasks.delete_many', async (req, ctx) => many(req.ids, (id) => deleteTask(ctx, { task: id, force: req.force }))),
];
