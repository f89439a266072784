/** Archiving and restoring tasks, one at a time or in batches. */
import type { Task } from '../../shared/api/records';
import { eachBatch } from '../batches';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { removeFromAllQueues } from '../queues/entries';
import { getTaskOr400, withStatus } from './common';
import { many } from '../http/many';

function archivable(t: Task) {
  if (t.system_tags.includes('archived'))
    throw errors.invalidTaskStatus(`Cannot archive: task "${t.name}" (${t.id}) is already archived`, { task: t.id });
}

function restorable(t: Task) {
  if (!t.system_tags.includes('archived'))
    throw errors.invalidTaskStatus(`Cannot restore: task "${t.name}" (${t.id}) is not archived`, { task: t.id });
}

/** Reads the tasks of a request and runs `check` on each, in the request's order: a missing one is 400/101. */
async function checkEach(ctx: RequestContext, ids: string[], check: (t: Task) => void) {
  const found = new Map((await ctx.store.tasks.query({ ids, includeHidden: true, withMetrics: false })).map((t) => [t.id, t]));
  for (const id of ids) {
    const t = found.get(id);
    if (!t) throw errors.invalidTaskId(id);
    check(t);
  }
}

async function archive(ctx: RequestContext, id: string, reason?: string) {
  return ctx.store.transaction(async () => {
    let t = await getTaskOr400(ctx.store, id);
    archivable(t);
    // Archiving takes a task out of the running: a queued one is dequeued, a running one aborted.
    if (t.status === 'queued') {
      await removeFromAllQueues(ctx.store, t.id);
      t = withStatus(t, 'created', ctx.identity, { reason: reason ?? 'archived' }).task;
      t.execution = { ...t.execution, queue: null };
    } else if (t.status === 'in_progress') {
      t = withStatus(t, 'stopped', ctx.identity, {
        reason: reason ?? 'archived',
        message: `Stopped by ${ctx.identity.userName}`,
      }).task;
    }
    if (!t.system_tags.includes('archived')) t = { ...t, system_tags: [...t.system_tags, 'archived'], last_update: isoNow() };
    await ctx.store.tasks.update(t);
    return { archived: true };
  });
}

async function unarchive(ctx: RequestContext, id: string) {
  return ctx.store.transaction(async () => {
    const t = await getTaskOr400(ctx.store, id);
    restorable(t);
    await ctx.store.tasks.update({ ...t, system_tags: t.system_tags.filter((s) => s !== 'archived'), last_update: isoNow() });
    return { unarchived: true };
  });
}

export const archivingEndpoints = [
  // Every task checked before any changes (a refusal changes nothing); then a batch at a time (see eachBatch).
  endpoint('tasks.archive', async (req, ctx) => {
    await checkEach(ctx, req.tasks, (t) => archivable(t));
    await eachBatch(ctx, [...new Set(req.tasks)], async (batch) => {
      for (const id of batch) await archive(ctx, id, req.status_reason);
    });
    return { archived: req.tasks.length };
  }),
  endpoint('tasks.unarchive', async (req, ctx) => {
    await checkEach(ctx, req.tasks, (t) => restorable(t));
    await eachBatch(ctx, [...new Set(req.tasks)], async (batch) => {
      for (const id of batch) await unarchive(ctx, id);
    });
    return { unarchived: req.tasks.length };
  }),
  endpoint('tasks.archive_many', async (req, ctx) => many(req.ids, (id) => archive(ctx, id, req.status_reason))),
  endpoint('tasks.unarchive_many', async (req, ctx) => many(req.ids, (id) => unarchive(ctx, id))),
];
