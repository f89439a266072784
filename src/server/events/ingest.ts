import { createHash } from 'node:crypto';
import type { RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { checkEvent, type Event } from './event-check';
import { storeBatch } from './store-batch';

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

/** Stores one `events.add_batch`: all of it in one transaction, tasks updated once each. */
export async function addBatch(ctx: RequestContext, raw: unknown[]) {
  const errorsInfo: Record<string, number> = {};
  const fail = (msg: string) => (errorsInfo[msg] = (errorsInfo[msg] ?? 0) + 1);
  const valid: Event[] = [];
  for (const item of raw) {
    const r = checkEvent(item);
    if (typeof r === 'string') fail(r);
    else valid.push(r);
  }

  // A model event names its model in `task` (or `model`, which wins); the owner id is the model's.
  for (const e of valid) if (e.model_event && typeof e.model === 'string' && e.model) e.task = e.model;
  const kinds = new Map<string, boolean>();
  for (const e of valid) {
    const isModel = !!e.model_event;
    if (kinds.has(e.task) && kinds.get(e.task) !== isModel) {
      throw errors.validation(`Events for ${e.task} mix model and task events (model_event true and false) in one batch`);
    }
    kinds.set(e.task, isModel);
  }

  return storeBatch(ctx, valid, raw.length, errorsInfo);
}
