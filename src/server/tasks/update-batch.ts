/** tasks.update_batch: many tasks.update requests in one call, all applied or none. */
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { getProjectOr400 } from '../projects/paths';
import { touch } from './common';
import { updated } from './edit';

export const updateBatchEndpoints = [
  endpoint('tasks.update_batch', async (req, ctx) => {
    if (!req.length) throw errors.batchContainsNoItems();
    // As clearml-server: one request a task, the last of those naming it.
    const byTask = new Map(req.map((r) => [r.task, r]));
    return ctx.store.transaction(async () => {
      const ids = [...byTask.keys()];
      await ctx.store.tasks.statuses(ids);
      const found = new Map(
        (await ctx.store.tasks.query({ ids, includeHidden: true, withMetrics: false })).map((t) => [t.id, t]),
      );
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) throw errors.invalidTaskIds(missing);
      for (const project of new Set([...byTask.values()].flatMap((r) => (r.project ? [r.project] : []))))
        await getProjectOr400(ctx.store, project);
      let count = 0;
      for (const [id, r] of byTask) {
        const { next, fields } = updated(found.get(id)!, r);
        if (!Object.keys(fields).length) continue;
        await ctx.store.tasks.update(touch(next, ctx.identity));
        count++;
      }
      return { updated: count };
    });
  }),
];
