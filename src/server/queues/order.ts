import type { Queue, QueueEntry } from '../../shared/api/records';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { getTaskOr400, withStatus } from '../tasks/common';
import { getQueueOr400 } from './entries';
import { sampleOf } from './metrics';
import { BATCH } from '../batches';

async function save(ctx: RequestContext, q: Queue, entries: QueueEntry[]): Promise<void> {
  const next = { ...q, entries, last_update: isoNow() };
  await ctx.store.queues.update(next);
  await ctx.runtime.queueMetrics.recordChange(next);
}

function positionOf(q: Queue, task: string): number {
  const i = q.entries.findIndex((e) => e.task === task);
  if (i < 0) throw errors.taskNotInQueue(task, q.name);
  return i;
}

/** Moves the entry at `from` to `to` (clamped) and returns the new position. */
async function move(ctx: RequestContext, req: { queue: string; task: string }, target: (from: number, len: number) => number) {
  return ctx.store.transaction(async () => {
    const q = await getQueueOr400(ctx.store, req.queue);
    const from = positionOf(q, req.task);
    const to = Math.max(0, Math.min(q.entries.length - 1, target(from, q.entries.length)));
    const entries = [...q.entries];
    const [e] = entries.splice(from, 1);
    entries.splice(to, 0, e);
    await save(ctx, q, entries);
    return { position: to };
  });
}

export const queueOrderEndpoints = [
  endpoint('queues.add_task', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const q = await getQueueOr400(ctx.store, req.queue);
      const t = await getTaskOr400(ctx.store, req.task);
      if (q.entries.some((e) => e.task === t.id)) throw errors.taskAlreadyQueued(t.id, q.name);
      await save(ctx, q, [...q.entries, { task: t.id, added: isoNow() }]);
      // The task's record follows it, so the table shows the queue it waits in.
      if (t.status === 'queued') await ctx.store.tasks.update({ ...t, execution: { ...t.execution, queue: q.id } });
      return { added: 1 };
    }),
  ),
  endpoint('queues.remove_task', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const q = await getQueueOr400(ctx.store, req.queue);
      positionOf(q, req.task);
      await save(
        ctx,
        q,
        q.entries.filter((e) => e.task !== req.task),
      );
      const t = await ctx.store.tasks.get(req.task);
      if (req.update_task_status && t?.status === 'queued') {
        const { task } = withStatus(t, 'created', ctx.identity, { reason: `removed from queue "${q.name}"` });
        await ctx.store.tasks.update({ ...task, execution: { ...task.execution, queue: null } });
      }
      return { removed: 1 };
    }),
  ),
  endpoint('queues.move_task_forward', async (req, ctx) => move(ctx, req, (from) => from - (req.count ?? 1))),
  endpoint('queues.move_task_backward', async (req, ctx) => move(ctx, req, (from) => from + (req.count ?? 1))),
  endpoint('queues.move_task_to_front', async (req, ctx) => move(ctx, req, () => 0)),
  endpoint('queues.move_task_to_back', async (req, ctx) => move(ctx, req, (_f, len) => len - 1)),
  endpoint('queues.clear_queue', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const q = await getQueueOr400(ctx.store, req.queue);
      const ids = q.entries.map((e) => e.task);
      // The pending tasks back to Draft, read and written a batch at a time (a few statements a batch).
      for (let i = 0; i < ids.length; i += BATCH) {
        const tasks = await ctx.store.tasks.query({ ids: ids.slice(i, i + BATCH), includeHidden: true, withMetrics: false });
        await ctx.store.tasks.updateMany(
          tasks
            .filter((t) => t.status === 'queued')
            .map((t) => {
              const { task } = withStatus(t, 'created', ctx.identity, { reason: `queue "${q.name}" was cleared` });
              return { ...task, execution: { ...task.execution, queue: null } };
            }),
        );
      }
      await save(ctx, q, []);
      return { removed_tasks: ids };
    }),
  ),
  endpoint(
    'queues.peek_task',
    async (req, ctx) => {
      const q = await getQueueOr400(ctx.store, req.queue);
      return q.entries[0] ? { task: q.entries[0].task } : {};
    },
    { access: 'read' },
  ),
  endpoint('queues.get_num_entries', async (req, ctx) => ({ num: (await getQueueOr400(ctx.store, req.queue)).entries.length }), {
    access: 'read',
  }),
  endpoint(
    'queues.get_queue_metrics',
    async (req, ctx) => {
      if (req.to_date < req.from_date) throw errors.validation('"to_date" must not be before "from_date"');
      const all = await ctx.store.queues.list();
      const ids = req.queue_ids ?? all.map((q) => q.id);
      for (const id of ids) if (!all.some((q) => q.id === id)) throw errors.invalidQueueId(id);
      const m = ctx.runtime.queueMetrics;
      const now = Date.now();
      const live = all.filter((q) => ids.includes(q.id)).map((q) => sampleOf(q, now));
      const series = await m.series(ids, req.from_date * 1000, req.to_date * 1000 + 1000, req.interval, live);
      return { queues: req.queue_ids ? series : [m.combined(series)] };
    },
    { access: 'read' },
  ),
];
