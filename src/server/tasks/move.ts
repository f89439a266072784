/** Moving tasks to another project. */
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { ensureProject, getProjectOr400 } from '../projects/paths';
import { getTaskOr400 } from './common';

export const moveEndpoints = [
  endpoint('tasks.move', async (req, ctx) =>
    ctx.store.transaction(async () => {
      if (req.project === undefined && !req.project_name)
        throw errors.validation('Give "project" or "project_name" to move tasks to');
      let projectId: string | null = req.project ?? null;
      if (req.project_name) projectId = (await ensureProject(ctx.store, ctx.identity, req.project_name)).project.id;
      else if (projectId) await getProjectOr400(ctx.store, projectId);
      const tasks = await Promise.all(req.ids.map((id) => getTaskOr400(ctx.store, id)));
      for (const t of tasks) await ctx.store.tasks.update({ ...t, project: projectId, last_update: isoNow() });
      return { project_id: projectId };
    }),
  ),
];
