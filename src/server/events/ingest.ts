import { createHash } from 'node:crypto';
import type { LastMetrics, Model, Task } from '../../shared/api/records';
import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';
import type { RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import type { LogRow, ScalarPoint, StoredEvent } from '../store/store';
import { checkEvent, type Event } from './event-check';

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

interface Batch {
  scalars: ScalarPoint[];
  logs: Omit<LogRow, 'pos' | 'line' | 'lines'>[];
  others: Omit<StoredEvent, 'pos'>[];
  maxIter: Map<string, number>;
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

/** Stores one `events.add_batch`: all of it in one transaction, tasks updated once each. */
export async function addBatch(ctx: RequestContext, raw: unknown[]) {
  const batch: Batch = { scalars: [], logs: [], others: [], maxIter: new Map() };
  const errorsInfo: Record<string, number> = {};
  const fail = (msg: string) => (errorsInfo[msg] = (errorsInfo[msg] ?? 0) + 1);
  const now = Date.now();
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

  return ctx.store.transaction(async () => {
    const tasks = new Map<string, Task | null>();
    const models = new Map<string, Model | null>();
    for (const e of valid) {
      if (e.model_event) {
        if (!models.has(e.task)) models.set(e.task, await ctx.store.models.get(e.task));
      } else if (!tasks.has(e.task)) tasks.set(e.task, await ctx.store.tasks.get(e.task));
    }
    let added = 0;
    const touched = new Set<string>();
    for (const e of valid) {
      if (e.model_event) {
        const model = models.get(e.task);
        if (!model) {
          fail(`unknown model id ${e.task}`);
          continue;
        }
        if (e.type === 'log') {
          fail('log events are not stored for models');
          continue;
        }
        if (model.ready && !e.allow_locked) {
          fail(`model ${e.task} is published and takes no more events`);
          continue;
        }
      } else {
        const task = tasks.get(e.task);
        if (!task) {
          fail(`unknown task id ${e.task}`);
          continue;
        }
        if (task.status === 'published' && !e.allow_locked) {
          fail(`task ${e.task} is published and takes no more events`);
          continue;
        }
      }
      const timestamp = e.timestamp ?? now;
      const iter = e.iter ?? 0;
      const metric = e.metric ?? '';
      const variant = e.variant ?? '';
      if (e.type === 'log') {
        batch.logs.push({ task: e.task, timestamp, level: e.level ?? 'info', worker: e.worker ?? ctx.worker, msg: e.msg ?? '' });
      } else if (e.type === 'training_stats_scalar') {
        if (typeof e.value !== 'number') {
          fail('scalar event without a numeric value');
          continue;
        }
        batch.scalars.push({ task: e.task, metric, variant, iter, value: e.value, timestamp });
      } else {
        const { allow_locked: _a, model_event: _m, model: _o, ...body } = e;
        batch.others.push({
          task: e.task,
          type: e.type,
          iter,
          metric,
          variant,
          timestamp,
          body: { ...body, timestamp, iter, metric, variant, ...(e.model_event ? { model_event: true } : {}) },
        });
      }
      if (e.type !== 'log' && iter !== SINGLE_VALUE_ITERATION) {
        batch.maxIter.set(e.task, Math.max(batch.maxIter.get(e.task) ?? 0, iter));
      }
      touched.add(e.task);
      added++;
    }
    if (!added && raw.length) {
      throw errors.eventsNotAdded(`No events were added: ${Object.keys(errorsInfo).join('; ')}`, { errors_info: errorsInfo });
    }
    await ctx.store.events.addScalars(batch.scalars);
    await ctx.store.events.addLogs(batch.logs);
    await ctx.store.events.addEvents(batch.others);
    const stamp = isoNow();
    const byOwner = new Map<string, ScalarPoint[]>();
    for (const p of batch.scalars) {
      const list = byOwner.get(p.task);
      if (list) list.push(p);
      else byOwner.set(p.task, [p]);
    }
    for (const [id, task] of tasks) {
      if (!task) continue;
      const points = byOwner.get(id) ?? [];
      await ctx.store.tasks.update({
        ...task,
        last_update: stamp,
        last_iteration: Math.max(task.last_iteration, batch.maxIter.get(id) ?? 0),
        last_metrics: points.length ? foldMetrics(task.last_metrics, points) : task.last_metrics,
      });
    }
    for (const [id, model] of models) {
      if (!model || !touched.has(id)) continue;
      const points = byOwner.get(id) ?? [];
      await ctx.store.models.update({
        ...model,
        last_update: stamp,
        last_iteration: Math.max(model.last_iteration ?? 0, batch.maxIter.get(id) ?? 0),
        last_metrics: points.length ? foldMetrics(model.last_metrics ?? {}, points) : model.last_metrics,
      });
    }
    ctx.runtime.metrics?.ingestedEvents.inc(added);
    return { added, errors: raw.length - added, errors_info: errorsInfo };
  });
}
