import * as api from '../../shared/api/queues';
import type { Queue } from '../../shared/api/records';
import type { z } from 'zod';
import { assertRecordBytes } from '../http/record-size';
import { endpoint, type RequestContext } from '../http/endpoint';
import { runningTask, workerKey } from '../workers';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { asList, paging, listed } from '../projection';
import { assertPattern } from '../name-pattern';
import { withStatus } from '../tasks/common';
import { createQueue, defaultQueue, getQueueOr400 } from './entries';
import { metadataOf } from './metadata';

/** The queues a get_all / get_all_ex request names: by id list and name pattern. */
async function findQueues(ctx: RequestContext, req: z.infer<typeof api.queuesGetAll>): Promise<Queue[]> {
  assertPattern(ctx.store, 'name', req.name);
  const ids = asList(req.id);
  const matches = req.name !== undefined ? ctx.store.patternTest(req.name) : null;
  const page = paging(req, ctx.config, { ids, unpaged: ctx.config.maxPageSize });
  const found = (await ctx.store.queues.list()).filter((q) => (!ids || ids.includes(q.id)) && (!matches || matches(q.name)));
  return found.slice(page.offset, page.offset + page.limit);
}

export const queueEndpoints = [
  endpoint('queues.create', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const fields = {
        display_name: req.display_name ?? req.name,
        tags: req.tags ?? [],
        system_tags: req.system_tags ?? [],
        metadata: metadataOf(req.metadata),
      };
      assertRecordBytes('queues.create', fields, ctx.config);
      const q = await createQueue(ctx.store, ctx.identity, req.name, fields);
      return { id: q.id };
    }),
  ),
  endpoint('queues.get_by_id', async (req, ctx) => ({ queue: await getQueueOr400(ctx.store, req.queue) }), {
    access: 'read',
  }),
  endpoint(
    'queues.get_all',
    async (req, ctx) => {
      const queues = await findQueues(ctx, req);
      return { queues: queues.map((q) => listed(q, req.only_fields)) };
    },
    { access: 'read' },
  ),
  endpoint(
    'queues.get_all_ex',
    async (req, ctx) => {
      const queues = await findQueues(ctx, req);
      const workers = await ctx.runtime.workers.list();
      const taskIds = [
        ...new Set([...queues.flatMap((q) => q.entries.map((e) => e.task)), ...workers.flatMap((w) => (w.task ? [w.task] : []))]),
      ];
      const tasks = new Map((await ctx.store.tasks.getMany(taskIds)).map((t) => [t.id, t]));
      const fields = req.only_fields?.filter((f) => f !== '*' && !f.startsWith('entries.task.'));
      return {
        queues: queues.map((q) => {
          const entries = q.entries.slice(0, req.max_task_entries ?? undefined).map((e) => {
            const t = tasks.get(e.task);
            return {
              added: e.added,
              task: { id: e.task, name: t?.name ?? null, status: t?.status ?? null, project: t?.project ?? null },
            };
          });
          const served = workers
            .filter((w) => w.queues.includes(q.id))
            .map((w) => {
              const t = w.task ? tasks.get(w.task) : undefined;
              return { name: w.id, ip: w.ip, key: workerKey(w), task: t ? runningTask(t) : null };
            });
          const full = { ...q, entries, workers: served };
          return fields?.length ? { ...listed(full, fields), entries, workers: served } : full;
        }),
      };
    },
    { access: 'read' },
  ),
  endpoint(
    'queues.get_default',
    async (_req, ctx) => {
      const q = await defaultQueue(ctx.store);
      return { id: q.id, name: q.name };
    },
    { access: 'read' },
  ),
  endpoint('queues.update', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const q = await getQueueOr400(ctx.store, req.queue);
      if (req.name && req.name !== q.name && (await ctx.store.queues.getByName(req.name))) throw errors.queueExists(req.name);
      const fields: Record<string, unknown> = {};
      const next: Queue = { ...q, last_update: isoNow() };
      for (const k of ['name', 'display_name', 'tags', 'system_tags'] as const) {
        if (req[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = fields[k] = req[k];
      }
      if (req.metadata !== undefined) next.metadata = fields.metadata = metadataOf(req.metadata);
      assertRecordBytes('queues.update', next, ctx.config);
      await ctx.store.queues.update(next);
      return { updated: 1, fields };
    }),
  ),
  endpoint('queues.delete', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const q = await getQueueOr400(ctx.store, req.queue);
      if (q.entries.length && !req.force) {
        throw errors.queueNotEmpty(
          `Queue "${q.name}" still holds ${q.entries.length} pending task(s); dequeue them first, or pass force`,
        );
      }
      for (const e of q.entries) {
        const t = await ctx.store.tasks.get(e.task);
        if (t?.status === 'queued') {
          const { task } = withStatus(t, 'created', ctx.identity, { reason: `queue "${q.name}" was deleted` });
          await ctx.store.tasks.update({ ...task, execution: { ...task.execution, queue: null } });
        }
      }
      await ctx.store.queues.delete(q.id);
      return { deleted: 1 };
    }),
  ),
  endpoint('queues.get_next_task', async (req, ctx) =>
    ctx.store.transaction(async () => {
      // The queue's record is not rewritten (nor its last_update): pops on several servers must not queue up on it.
      const head = await ctx.store.queues.pop(req.queue, req.task ?? undefined);
      if (head === 'missing') throw errors.invalidQueueId(req.queue);
      if (!head) return {};
      const out: Record<string, unknown> = { entry: head };
      if (req.get_task_info) {
        const t = await ctx.store.tasks.get(head.task);
        out.task_info = { company: t?.company, user: t?.user };
      }
      return out;
    }),
  ),
];
