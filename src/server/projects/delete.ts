import type { Model, Task } from '../../shared/api/records';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { removeStoredFiles } from '../files/cleanup';
import { deleteModel, deleteTasks } from '../tasks/outputs';
import { inBatches } from '../batches';
import { descendants, getProjectOr400 } from './paths';

interface Tally {
  disassociated: number;
  deletedTasks: number;
  deletedModels: number;
  urls: string[];
}

/** One batch of the projects' tasks: deleted with their outputs (as tasks.delete does), or out of the projects. */
async function clearTasks(ctx: RequestContext, projects: Set<string>, batch: Task[], contents: boolean, n: Tally) {
  const ids = batch.map((t) => t.id);
  // Locked (on PostgreSQL, in id order) and read again inside the transaction: one may have moved since the listing.
  await ctx.store.tasks.statuses(ids);
  const still = (await ctx.store.tasks.query({ ids, includeHidden: true, withMetrics: false })).filter(
    (t) => t.project && projects.has(t.project),
  );
  if (contents) {
    const dropped = await deleteTasks(ctx.store, still);
    n.urls.push(...dropped.urls);
    n.deletedModels += dropped.deletedModels;
    n.deletedTasks += still.length;
    return;
  }
  for (const t of still) await ctx.store.tasks.update({ ...t, project: null });
  n.disassociated += still.length;
}

async function clearModels(ctx: RequestContext, projects: Set<string>, batch: Model[], contents: boolean, n: Tally) {
  for (const listed of batch) {
    const m = await ctx.store.models.get(listed.id);
    if (!m?.project || !projects.has(m.project)) continue;
    if (contents) {
      await deleteModel(ctx.store, m, n.urls);
      n.deletedModels++;
    } else await ctx.store.models.update({ ...m, project: null });
  }
}

export const deleteEndpoints = [
  endpoint('projects.delete', async (req, ctx) => {
    const ids = await ctx.store.transaction(async () => {
      const p = await getProjectOr400(ctx.store, req.project);
      const subs = await descendants(ctx.store, p);
      const ids = [p.id, ...subs.map((s) => s.id)];
      const tasks = await ctx.store.tasks.count({ projects: ids, includeHidden: true });
      const models = (await ctx.store.models.query({ projects: ids })).length;
      if ((tasks || models) && !req.force) {
        throw errors.projectHasTasks(
          `Project "${p.name}" is not empty: it holds ${tasks} task(s) and ${models} model(s)` +
            `${subs.length ? ` in it and its ${subs.length} sub-project(s)` : ''}. Delete or move them first, or pass force`,
        );
      }
      return ids;
    });
    const projects = new Set(ids);
    const contents = !!req.delete_contents;
    const n: Tally = { disassociated: 0, deletedTasks: 0, deletedModels: 0, urls: [] };
    // A batch at a time (see inBatches): a task re-read in its transaction is skipped if it moved meanwhile.
    await inBatches(
      ctx,
      (limit) => ctx.store.tasks.query({ projects: ids, includeHidden: true, limit }),
      (batch) => clearTasks(ctx, projects, batch, contents, n),
    );
    await inBatches(
      ctx,
      (limit) => ctx.store.models.query({ projects: ids, limit }),
      (batch) => clearModels(ctx, projects, batch, contents, n),
    );
    await ctx.store.transaction(async () => {
      for (const id of ids) await ctx.store.projects.delete(id);
    });
    const deletedFiles = await removeStoredFiles(ctx.config, n.urls);
    return {
      deleted: ids.length,
      disassociated_tasks: n.disassociated,
      deleted_tasks: n.deletedTasks,
      deleted_models: n.deletedModels,
      deleted_files: deletedFiles,
    };
  }),
];
