/** Archiving and restoring tasks, one at a time or in batches. */
import type { Task } from '../../shared/api/records';
import type { ManyResult } from '../../shared/api/results';
import { eachBatch } from '../batches';
import { lockedTasks } from './locked';
import { endpoint, type RequestContext } from '../http/endpoint';
import { ApiError, errors } from '../http/errors';
import { isoNow } from '../ids';
import { removeFromAllQueues } from '../queues/entries';
import { withStatus } from './common';
import { refusal } from '../http/many';
import { pipelineSteps } from './pipeline-steps';

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

/**
 * The task archived: out of the running first (a queued one dequeued, a running one aborted), as clearml-server does.
 * Dequeuing writes to the queues at once; the task itself is the caller's to write.
 */
async function archived(ctx: RequestContext, task: Task, reason?: string): Promise<Task> {
  let t = task;
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
  return { ...t, system_tags: [...t.system_tags, 'archived'], last_update: isoNow() };
}

function restored(t: Task): Task {
  return { ...t, system_tags: t.system_tags.filter((s) => s !== 'archived'), last_update: isoNow() };
}

/**
 * Applies `change` to the tasks `ids` a batch at a time (see eachBatch), each batch's tasks locked, read and written
 * together. A task that is gone, or that someone else changed so that `applies` no longer holds, is left as it is.
 */
async function applyInBatches(
  ctx: RequestContext,
  ids: string[],
  applies: (t: Task) => boolean,
  change: (t: Task) => Promise<Task>,
) {
  await eachBatch(ctx, [...new Set(ids)], async (batch) => {
    const next: Task[] = [];
    for (const t of (await lockedTasks(ctx.store, batch)).values()) if (applies(t)) next.push(await change(t));
    await ctx.store.tasks.updateMany(next);
  });
}

/**
 * A `*_many` call a batch at a time, each batch one transaction: its tasks locked and read at once, each id
 * checked in the request's order (`check` throws the refusal, which is reported as `many` does), the accepted
 * written together. An id given twice meets its task as the first left it, as one call after another would.
 */
async function manyInBatches<R extends object>(
  ctx: RequestContext,
  ids: string[],
  check: (t: Task) => void,
  change: (t: Task) => Promise<Task>,
  result: R,
) {
  const { succeeded, failed }: ManyResult<R> = { succeeded: [], failed: [] };
  await eachBatch(
    ctx,
    ids,
    async (slice) => {
      const found = await lockedTasks(ctx.store, slice);
      const out: { id: string; error?: ApiError }[] = [];
      const written = new Set<string>();
      for (const id of slice) {
        try {
          const t = found.get(id);
          if (!t) throw errors.invalidTaskId(id);
          check(t);
          found.set(id, await change(t));
          written.add(id);
          out.push({ id });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          out.push({ id, error: e });
        }
      }
      await ctx.store.tasks.updateMany([...written].map((id) => found.get(id)!));
      return out;
    },
    (done) => {
      for (const { id, error } of done) {
        if (error) failed.push(refusal(id, error));
        else succeeded.push({ id, ...result });
      }
    },
  );
  return { succeeded, failed };
}

const isArchived = (t: Task) => t.system_tags.includes('archived');

/**
 * `change`, noting each task it is applied to into `met`: with `include_pipeline_steps` the steps of the controllers
 * among them go with them, and the batches have already read their types.
 */
function noting(met: Task[], change: (t: Task) => Promise<Task>) {
  return (t: Task) => {
    met.push(t);
    return change(t);
  };
}

/** With `include_pipeline_steps`: the steps of the controllers among `tasks` archived or restored as well (not reported). */
async function stepsToo(ctx: RequestContext, include: boolean | undefined, tasks: Task[], archive: boolean) {
  if (!include || !tasks.length) return;
  const steps = (await pipelineSteps(ctx.store, tasks)).map((t) => t.id);
  if (archive)
    await applyInBatches(
      ctx,
      steps,
      (t) => !isArchived(t),
      (t) => archived(ctx, t),
    );
  else await applyInBatches(ctx, steps, isArchived, async (t) => restored(t));
}

export const archivingEndpoints = [
  // Every task checked before any changes (a refusal changes nothing); then a batch at a time.
  endpoint('tasks.archive', async (req, ctx) => {
    await checkEach(ctx, req.tasks, (t) => archivable(t));
    const met: Task[] = [];
    await applyInBatches(
      ctx,
      req.tasks,
      (t) => !isArchived(t),
      noting(met, (t) => archived(ctx, t, req.status_reason)),
    );
    await stepsToo(ctx, req.include_pipeline_steps, met, true);
    return { archived: req.tasks.length };
  }),
  endpoint('tasks.unarchive', async (req, ctx) => {
    await checkEach(ctx, req.tasks, (t) => restorable(t));
    const met: Task[] = [];
    await applyInBatches(
      ctx,
      req.tasks,
      isArchived,
      noting(met, async (t) => restored(t)),
    );
    await stepsToo(ctx, req.include_pipeline_steps, met, false);
    return { unarchived: req.tasks.length };
  }),
  endpoint('tasks.archive_many', async (req, ctx) => {
    const met: Task[] = [];
    const change = noting(met, (t) => archived(ctx, t, req.status_reason));
    const r = await manyInBatches(ctx, req.ids, archivable, change, { archived: true });
    await stepsToo(ctx, req.include_pipeline_steps, met, true);
    return r;
  }),
  endpoint('tasks.unarchive_many', async (req, ctx) => {
    const met: Task[] = [];
    const r = await manyInBatches(
      ctx,
      req.ids,
      restorable,
      noting(met, async (t) => restored(t)),
      { unarchived: true },
    );
    await stepsToo(ctx, req.include_pipeline_steps, met, false);
    return r;
  }),
];
