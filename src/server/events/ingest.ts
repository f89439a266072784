import { createHash } from 'node:crypto';
import type { RequestContext } from '../http/endpoint';
import { checkBatch, type CheckedBatch } from './checked-batch';
import type { BatchResult } from './store-batch';

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
 * batch together with other requests' batches) and answers once it is committed; then announces the
 * tasks and models it touched.
 */
export async function addChecked(ctx: RequestContext, b: CheckedBatch): Promise<BatchResult> {
  const stored = await ctx.runtime.ingestWriter.write(b, { now: Date.now(), worker: ctx.worker });
  ctx.runtime.metrics?.ingestedEvents.inc(stored.result.added);
  ctx.runtime.live.publish(stored.changes);
  return stored.result;
}
