import type { Project } from '../../shared/api/records';
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { inBatches } from '../batches';
import { relocate } from './move';
import { getProjectOr400 } from './paths';

/**
 * projects.merge (projects.conf 2.13, project_bll.py merge_project): the source's own tasks and models go to the
 * destination (none: out of any project), its direct sub-projects (with theirs) under the destination, and the
 * source is deleted. Refused before any change: the same project (410), a destination inside the source (412), a
 * sub-project whose name the destination already holds (405). Unlike clearml-server, archived tasks and models
 * move too: it leaves them pointing at the deleted project.
 */
export const mergeEndpoints = [
  endpoint('projects.merge', async (req, ctx) => {
    const { source, destination, children } = await ctx.store.transaction(async () => {
      const source = await getProjectOr400(ctx.store, req.project);
      const destination = req.destination_project ? await getProjectOr400(ctx.store, req.destination_project) : null;
      if (destination?.id === source.id) throw errors.projectSameLocation(source.name);
      if (destination?.name.startsWith(source.name + '/')) throw errors.projectMergedIntoChild(source.name, destination.name);
      const children = await ctx.store.projects.query({ parent: source.id, includeHidden: true });
      for (const c of children) {
        const name = destination ? `${destination.name}/${c.basename}` : c.basename;
        if (await ctx.store.projects.getByName(name)) throw errors.projectExists(name);
      }
      return { source, destination, children };
    });
    const to = destination?.id ?? null;
    let moved = 0;
    await inBatches(
      ctx,
      (limit) => ctx.store.tasks.query({ projects: [source.id], includeHidden: true, limit }),
      async (batch) => {
        for (const listed of batch) {
          const t = await ctx.store.tasks.get(listed.id);
          if (t?.project !== source.id) continue;
          await ctx.store.tasks.update({ ...t, project: to });
          moved++;
        }
      },
    );
    await inBatches(
      ctx,
      (limit) => ctx.store.models.query({ projects: [source.id], limit }),
      async (batch) => {
        for (const listed of batch) {
          const m = await ctx.store.models.get(listed.id);
          if (m?.project !== source.id) continue;
          await ctx.store.models.update({ ...m, project: to });
          moved++;
        }
      },
    );
    await ctx.store.transaction(async () => {
      for (const c of children) {
        const now: Project | null = await ctx.store.projects.get(c.id);
        if (now) await relocate(ctx, now, destination ? `${destination.name}/${now.basename}` : now.basename);
      }
      await ctx.store.projects.delete(source.id);
    });
    return { moved_entities: moved, moved_projects: children.length };
  }),
];
