import { createHash } from 'node:crypto';
import type { RequestContext } from '../http/endpoint';
import { checkBatch, type CheckedBatch } from './checked-batch';
import { ApiError } from '../http/errors';
import { ownerVerdicts, tallyBatch, type BatchResult, type Stored } from './store-batch';

const md5Cache = new Map<string, string>();

/** ClearML keys last_metrics by the md5 of metric and variant names. */
export function md5(s: string): string {
  let h = md5Cache.get(s);
  if (h === undefined) {
    h = createHash('md5').update(s).digest('hex');
    if (md5Cache.size > 10_000) md5Cache.clear();
    md5Cache.set(s, h);
  }
  return h;
}

/** `events.add` (and any batch already parsed from JSON): checked here, stored like a body from a parse thread. */
export function addBatch(ctx: RequestContext, raw: unknown[]): Promise<BatchResult> {
  return addChecked(ctx, checkBatch(raw));
}

/**
 * Stores a checked batch through the ingest writer (on SQLite a thread of its own; it may commit the
 * batch together with other requests' batches), then announces the tasks and models it touched. With a
 * backlog (answer once queued), the answer is the batch's tally against its owners as they are now, given
 * as soon as the writer has it; else the writer's own answer once committed.
 */
export async function addChecked(ctx: RequestContext, b: CheckedBatch): Promise<BatchResult> {
  const { runtime } = ctx;
  const origin = { now: Date.now(), worker: ctx.worker };
  const backlog = runtime.ingestBacklog;
  if (!backlog) {
    const writing = performance.now();
    const stored = await runtime.ingestWriter.write(b, origin);
    runtime.metrics?.ingestStage('write', writing);
    return announce(ctx, stored);
  }
  const answer = tallyBatch(b, await ownerVerdicts(ctx.store, b));
  if (answer instanceof ApiError) throw answer;
  const n = await backlog.add();
  const writing = performance.now();
  const stored = runtime.ingestWriter
    .write(b, origin)
    .then(
      (s) => {
        runtime.metrics?.ingestStage('write', writing);
        announce(ctx, s);
        if (s.result.added < answer.added) backlog.onLoss(answer.added - s.result.added, s.result.errors_info);
      },
      (e: unknown) => backlog.onLoss(answer.added, e),
    )
    .finally(() => backlog.settle(n));
  ctx.ingestRoom?.keepUntil(stored);
  return answer;
}

function announce(ctx: RequestContext, stored: Stored): BatchResult {
  ctx.runtime.metrics?.ingestedEvents.inc(stored.result.added);
  ctx.runtime.live.publish(stored.changes);
  return stored.result;
}
