/** Moving tasks to another project. */
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { ensureProject, getProjectOr400, holdProjectsOr400 } from '../projects/paths';
import { assertTasksExist } from './common';
import { eachBatch } from '../batches';

export const moveEndpoints = [
  endpoint('tasks.move', async (req, ctx) => {
    if (req.project === undefined && !req.project_name)
      throw errors.validation('Give "project" or "project_name" to move tasks to');
    // Everything checked before anything changes; then a batch at a time (see eachBatch).
    await assertTasksExist(ctx.store, req.ids);
    if (!req.project_name && req.project) await getProjectOr400(ctx.store, req.project);
    const projectId = req.project_name
      ? (await ctx.store.transaction(() => ensureProject(ctx.store, ctx.identity, req.project_name!))).project.id
      : (req.project ?? null);
    await eachBatch(ctx, [...new Set(req.ids)], async (batch) => {
      await holdProjectsOr400(ctx.store, [projectId]);
      const tasks = await ctx.store.tasks.query({ ids: batch, includeHidden: true, withMetrics: false });
      await ctx.store.tasks.updateMany(tasks.map((t) => ({ ...t, project: projectId, last_update: isoNow() })));
    });
    return { project_id: projectId };
  }),
];
