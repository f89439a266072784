/** tasks.update_batch: many tasks.update requests in one call. */
import type { Task } from '../../shared/api/records';
import { eachBatch } from '../batches';
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { getProjectOr400, holdProjectsOr400 } from '../projects/paths';
import { touch } from './common';
import { updated } from './edit';

export const updateBatchEndpoints = [
  endpoint('tasks.update_batch', async (req, ctx) => {
    if (!req.length) throw errors.batchContainsNoItems();
    // As clearml-server: one request a task, the last of those naming it.
    const byTask = new Map(req.map((r) => [r.task, r]));
    const ids = [...byTask.keys()];
    // Checked whole first, as clearml-server refuses the whole batch: a missing task or project changes nothing. A
    // project deleted after this check (through another server) is refused with the batch that names it.
    const found = new Set((await ctx.store.tasks.statuses(ids)).keys());
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw errors.invalidTaskIds(missing);
    for (const project of new Set([...byTask.values()].flatMap((r) => (r.project ? [r.project] : []))))
      await getProjectOr400(ctx.store, project);
    let count = 0;
    // Then applied a batch at a time (thousands in one transaction held the event loop on SQLite: 2,000 for 0.5 s).
    await eachBatch(ctx, ids, async (batch) => {
      await holdProjectsOr400(
        ctx.store,
        batch.map((id) => byTask.get(id)!.project),
      );
      await ctx.store.tasks.statuses(batch);
      const changed: Task[] = [];
      for (const t of await ctx.store.tasks.query({ ids: batch, includeHidden: true, withMetrics: false })) {
        const { next, fields } = updated(t, byTask.get(t.id)!);
        if (Object.keys(fields).length) changed.push(touch(next, ctx.identity));
      }
      await ctx.store.tasks.updateMany(changed);
      count += changed.length;
    });
    return { updated: count };
  }),
];
