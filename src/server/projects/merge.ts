import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { inBatches } from '../batches';
import { relocate } from './move';
import { Touched } from '../live/touched';
import { getProjectOr400, holdProjectsOr400 } from './paths';

const MERGE_PASSES = 5;

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
    const touched = new Touched();
    const moveContents = async () => {
      await inBatches(
        ctx,
        (limit) => ctx.store.tasks.query({ projects: [source.id], includeHidden: true, limit }),
        async (batch) => {
          await holdProjectsOr400(ctx.store, [to]);
          for (const listed of batch) {
            const t = await ctx.store.tasks.get(listed.id);
            if (t?.project !== source.id) continue;
            await ctx.store.tasks.update({ ...t, project: to });
            touched.add('task', t.id);
            moved++;
          }
        },
      );
      await inBatches(
        ctx,
        (limit) => ctx.store.models.query({ projects: [source.id], limit }),
        async (batch) => {
          await holdProjectsOr400(ctx.store, [to]);
          for (const listed of batch) {
            const m = await ctx.store.models.get(listed.id);
            if (m?.project !== source.id) continue;
            await ctx.store.models.update({ ...m, project: to });
            touched.add('model', m.id);
            moved++;
          }
        },
      );
    };
    // As projects.delete: passes until the source, locked, is found empty (a task may arrive through another server).
    let movedProjects: number | null = null;
    // Announced even when the merge stops part way (its destination deleted meanwhile): what moved has moved.
    try {
      for (let pass = 1; movedProjects === null; pass++) {
        await moveContents();
        movedProjects = await ctx.store.transaction(async () => {
          if (!(await ctx.store.projects.get(source.id))) return children.length;
          const left = await ctx.store.tasks.count({ projects: [source.id], includeHidden: true });
          const leftModels = (await ctx.store.models.query({ projects: [source.id], limit: 1 })).length;
          if (left + leftModels > 0) {
            if (pass < MERGE_PASSES) return null;
            await moveContents();
          }
          const now = await ctx.store.projects.query({ parent: source.id, includeHidden: true });
          for (const c of now) await relocate(ctx, c, destination ? `${destination.name}/${c.basename}` : c.basename);
          await ctx.store.projects.delete(source.id);
          return now.length;
        });
      }
    } finally {
      ctx.runtime.live.publish(touched.list());
    }
    return { moved_entities: moved, moved_projects: movedProjects };
  }),
];
