import { createHash } from 'node:crypto';
import type { LastMetrics, Model, Task } from '../../shared/api/records';
import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';
import type { RequestContext } from '../http/endpoint';
import { ApiError, errors } from '../http/errors';
import { isoNow } from '../ids';
import type { LogRow, ScalarPoint, StoredEvent } from '../store/store';
import type { Change, ChangeKind } from '../live/hub';
import { checkBatch, type CheckedBatch } from './checked-batch';

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

/**
 * Folds a batch's scalars into a task's `last_metrics` (last, min, max and first per metric/variant).
 * Copies only the entries it changes, once each, instead of cloning the whole object.
 */
export function foldMetrics(lm: LastMetrics, points: ScalarPoint[]): LastMetrics {
  const out: LastMetrics = { ...lm };
  const copied = new Set<object>();
  for (const p of points) {
    const mh = md5(p.metric);
    const vh = md5(p.variant);
    let variants = out[mh];
    if (!variants || !copied.has(variants)) {
      variants = out[mh] = { ...variants };
      copied.add(variants);
    }
    let cur = variants[vh];
    if (cur && !copied.has(cur)) {
      cur = variants[vh] = { ...cur };
      copied.add(cur);
    }
    if (!cur) {
      variants[vh] = {
        metric: p.metric,
        variant: p.variant,
        value: p.value,
        iter: p.iter,
        timestamp: p.timestamp,
        min_value: p.value,
        min_value_iteration: p.iter,
        max_value: p.value,
        max_value_iteration: p.iter,
        first_value: p.value,
        first_value_iteration: p.iter,
        count: 1,
      };
      copied.add(variants[vh]);
      continue;
    }
    if (p.iter > cur.iter || (p.iter === cur.iter && p.timestamp >= cur.timestamp)) {
      cur.value = p.value;
      cur.iter = p.iter;
      cur.timestamp = p.timestamp;
    }
    if (p.value < cur.min_value) {
      cur.min_value = p.value;
      cur.min_value_iteration = p.iter;
    }
    if (p.value > cur.max_value) {
      cur.max_value = p.value;
      cur.max_value_iteration = p.iter;
    }
    cur.count = (cur.count ?? 0) + 1;
  }
  return out;
}

/** What one add_batch answers. */
export type BatchResult = {
  added: number;
  errors: number;
  errors_info: Record<string, number>;
};

/** `events.add` (and any batch already parsed from JSON): checked here, stored like a body from a parse thread. */
export function addBatch(ctx: RequestContext, raw: unknown[]): Promise<BatchResult> {
  return addChecked(ctx, checkBatch(raw));
}

/**
 * Stores a checked batch through the ingest writer (which may commit it together with other requests'
 * batches) and answers once it is committed; then announces the tasks and models it touched.
 */
export async function addChecked(ctx: RequestContext, b: CheckedBatch): Promise<BatchResult> {
  const now = Date.now();
  const stored = await ctx.runtime.ingestWriter.submit(() => storeBatch(ctx, b, now));
  if (stored instanceof ApiError) throw stored;
  ctx.runtime.metrics?.ingestedEvents.inc(stored.result.added);
  ctx.runtime.live.publish(stored.changes);
  return stored.result;
}

const EVENT_KINDS: Record<string, ChangeKind> = {
  training_stats_scalar: 'scalars',
  log: 'log',
  plot: 'plots',
  training_debug_image: 'samples',
};

interface Stored {
  result: BatchResult;
  /** What open dashboards should refetch: each owner that took events, by the kinds it took. */
  changes: Change[];
}

/**
 * One batch's writes, inside the writer's transaction. A batch refused as a whole (none of its events
 * could be stored) is returned as its error before anything is written, so that the batches committed
 * with it are not affected.
 */
async function storeBatch(ctx: RequestContext, b: CheckedBatch, now: number): Promise<Stored | ApiError> {
  const errorsInfo: Record<string, number> = {};
  const fail = (msg: string) => (errorsInfo[msg] = (errorsInfo[msg] ?? 0) + 1);
  for (const why of b.refusedWhy) fail(why);
  const { owners, ownerIsModel, names, scalars: s } = b;

  // The owners, each read once: an unknown or published owner refuses all its events (published: unless allowed).
  const tasks = new Map<number, Task>();
  const models = new Map<number, Model>();
  const unknown: (string | undefined)[] = [];
  const published: (string | undefined)[] = [];
  for (let o = 0; o < owners.length; o++) {
    const id = owners[o];
    if (ownerIsModel[o]) {
      const model = await ctx.store.models.get(id);
      if (!model) unknown[o] = `unknown model id ${id}`;
      else {
        models.set(o, model);
        if (model.ready) published[o] = `model ${id} is published and takes no more events`;
      }
    } else {
      const task = await ctx.store.tasks.get(id);
      if (!task) unknown[o] = `unknown task id ${id}`;
      else {
        tasks.set(o, task);
        if (task.status === 'published') published[o] = `task ${id} is published and takes no more events`;
      }
    }
  }

  const scalars: ScalarPoint[] = [];
  const logs: Omit<LogRow, 'pos' | 'line' | 'lines'>[] = [];
  const others: Omit<StoredEvent, 'pos'>[] = [];
  const maxIter = new Map<number, number>();
  const kinds = new Map<string, Change>();
  const byOwner = new Map<number, ScalarPoint[]>();
  const ownerIndex = new Map(owners.map((id, o) => [id, o]));
  let added = 0;
  let row = 0;
  let other = 0;
  for (let k = 0; k < b.order.length; k++) {
    const isScalar = b.order[k] === 0;
    const r = isScalar ? row++ : -1;
    const e = isScalar ? undefined : b.others[other++];
    const o = isScalar ? s.owner[r] : ownerIndex.get(e!.task)!;
    if (unknown[o]) {
      fail(unknown[o]);
      continue;
    }
    if (ownerIsModel[o] && e?.type === 'log') {
      fail('log events are not stored for models');
      continue;
    }
    if (published[o] && !(isScalar ? s.allowLocked[r] : e!.allow_locked)) {
      fail(published[o]);
      continue;
    }
    const id = owners[o];
    let iter: number;
    if (isScalar) {
      if (Number.isNaN(s.value[r])) {
        fail('scalar event without a numeric value');
        continue;
      }
      iter = Number.isNaN(s.iter[r]) ? 0 : s.iter[r];
      const timestamp = Number.isNaN(s.timestamp[r]) ? now : s.timestamp[r];
      const p = { task: id, metric: names[s.metric[r]], variant: names[s.variant[r]], iter, value: s.value[r], timestamp };
      scalars.push(p);
      const list = byOwner.get(o);
      if (list) list.push(p);
      else byOwner.set(o, [p]);
    } else {
      const ev = e!;
      const timestamp = ev.timestamp ?? now;
      iter = ev.iter ?? 0;
      const metric = ev.metric ?? '';
      const variant = ev.variant ?? '';
      if (ev.type === 'log') {
        logs.push({ task: id, timestamp, level: ev.level ?? 'info', worker: ev.worker ?? ctx.worker, msg: ev.msg ?? '' });
      } else {
        const { allow_locked: _a, model_event: _m, model: _o, ...body } = ev;
        others.push({
          task: id,
          type: ev.type,
          iter,
          metric,
          variant,
          timestamp,
          body: { ...body, timestamp, iter, metric, variant, ...(ev.model_event ? { model_event: true } : {}) },
        });
      }
    }
    const type = isScalar ? 'training_stats_scalar' : e!.type;
    if (type !== 'log' && iter !== SINGLE_VALUE_ITERATION) maxIter.set(o, Math.max(maxIter.get(o) ?? 0, iter));
    const kind: ChangeKind = ownerIsModel[o] ? 'model' : (EVENT_KINDS[type] ?? 'plots');
    kinds.set(`${kind}:${id}`, { kind, id });
    added++;
  }
  if (!added && b.total) {
    return errors.eventsNotAdded(`No events were added: ${Object.keys(errorsInfo).join('; ')}`, { errors_info: errorsInfo });
  }
  const touchedModels = [...models].filter(([o]) => kinds.has(`model:${owners[o]}`));
  await writeBatch(ctx, { scalars, logs, others }, [...tasks], touchedModels, (o) => ({
    points: byOwner.get(o) ?? [],
    maxIter: maxIter.get(o) ?? 0,
  }));
  return { result: { added, errors: b.total - added, errors_info: errorsInfo }, changes: [...kinds.values()] };
}

/**
 * The writes of one checked batch: its events, then each owner's last update, last iteration and last
 * metrics. Runs inside the writer's transaction.
 */
async function writeBatch(
  ctx: RequestContext,
  rows: { scalars: ScalarPoint[]; logs: Omit<LogRow, 'pos' | 'line' | 'lines'>[]; others: Omit<StoredEvent, 'pos'>[] },
  tasks: [number, Task][],
  models: [number, Model][],
  ownerFold: (o: number) => { points: ScalarPoint[]; maxIter: number },
) {
  await ctx.store.events.addScalars(rows.scalars);
  await ctx.store.events.addLogs(rows.logs);
  await ctx.store.events.addEvents(rows.others);
  const stamp = isoNow();
  for (const [o, task] of tasks) {
    const { points, maxIter } = ownerFold(o);
    await ctx.store.tasks.update({
      ...task,
      last_update: stamp,
      last_iteration: Math.max(task.last_iteration, maxIter),
      last_metrics: points.length ? foldMetrics(task.last_metrics, points) : task.last_metrics,
    });
  }
  for (const [o, model] of models) {
    const { points, maxIter } = ownerFold(o);
    await ctx.store.models.update({
      ...model,
      last_update: stamp,
      last_iteration: Math.max(model.last_iteration ?? 0, maxIter),
      last_metrics: points.length ? foldMetrics(model.last_metrics ?? {}, points) : model.last_metrics,
    });
  }
}
