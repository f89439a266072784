import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';
import type { RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import type { EventProgress, LogRow, MetricFold, ScalarPoint, SeriesAdded, StoredEvent } from '../store/store';
import type { Event } from './event-check';

export type BatchResult = {
  added: number;
  errors: number;
  errors_info: Record<string, number>;
};

const seriesKey = (owner: string, metric: string, variant: string) => `${owner}\u0000${metric}\u0000${variant}`;

/**
 * Folds scalar points into one summary per series (last by iteration then timestamp, min, max and
 * first, as a stored row folds them), with the number of points the store added for each.
 */
export function foldSeries(points: ScalarPoint[], added: SeriesAdded[]): Map<string, MetricFold[]> {
  const folds = new Map<string, MetricFold>();
  const owners = new Map<string, MetricFold[]>();
  for (const p of points) {
    const key = seriesKey(p.task, p.metric, p.variant);
    const cur = folds.get(key);
    if (!cur) {
      const f: MetricFold = {
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
        added: 0,
      };
      folds.set(key, f);
      const list = owners.get(p.task);
      if (list) list.push(f);
      else owners.set(p.task, [f]);
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
  }
  for (const a of added) {
    const f = folds.get(seriesKey(a.task, a.metric, a.variant));
    if (f) f.added += a.added;
  }
  return owners;
}

/**
 * Stores checked events of one `events.add_batch` in one transaction: refuses events of unknown or
 * published owners (counted in `errors_info`), writes the events, then moves each owner's
 * last_metrics, last_update and last_iteration with targeted statements (no document is read or
 * rewritten). `received` is the number of events in the request, `errorsInfo` the refusals so far.
 */
export async function storeBatch(
  ctx: RequestContext,
  valid: Event[],
  received: number,
  errorsInfo: Record<string, number>,
): Promise<BatchResult> {
  const fail = (msg: string) => (errorsInfo[msg] = (errorsInfo[msg] ?? 0) + 1);
  const now = Date.now();
  const taskIds = new Set<string>();
  const modelIds = new Set<string>();
  for (const e of valid) (e.model_event ? modelIds : taskIds).add(e.task);

  return ctx.store.transaction(async () => {
    const statuses = await ctx.store.tasks.statuses([...taskIds]);
    const readiness = await ctx.store.models.readiness([...modelIds]);
    const scalars: ScalarPoint[] = [];
    const logs: Omit<LogRow, 'pos' | 'line' | 'lines'>[] = [];
    const others: Omit<StoredEvent, 'pos'>[] = [];
    const maxIter = new Map<string, number>();
    const touched = new Set<string>();
    let added = 0;
    for (const e of valid) {
      if (e.model_event) {
        const ready = readiness.get(e.task);
        if (ready === undefined) {
          fail(`unknown model id ${e.task}`);
          continue;
        }
        if (e.type === 'log') {
          fail('log events are not stored for models');
          continue;
        }
        if (ready && !e.allow_locked) {
          fail(`model ${e.task} is published and takes no more events`);
          continue;
        }
      } else {
        const status = statuses.get(e.task);
        if (status === undefined) {
          fail(`unknown task id ${e.task}`);
          continue;
        }
        if (status === 'published' && !e.allow_locked) {
          fail(`task ${e.task} is published and takes no more events`);
          continue;
        }
      }
      const timestamp = e.timestamp ?? now;
      const iter = e.iter ?? 0;
      const metric = e.metric ?? '';
      const variant = e.variant ?? '';
      if (e.type === 'log') {
        logs.push({ task: e.task, timestamp, level: e.level ?? 'info', worker: e.worker ?? ctx.worker, msg: e.msg ?? '' });
      } else if (e.type === 'training_stats_scalar') {
        if (typeof e.value !== 'number') {
          fail('scalar event without a numeric value');
          continue;
        }
        scalars.push({ task: e.task, metric, variant, iter, value: e.value, timestamp });
      } else {
        const { allow_locked: _a, model_event: _m, model: _o, ...body } = e;
        others.push({
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
        maxIter.set(e.task, Math.max(maxIter.get(e.task) ?? 0, iter));
      }
      touched.add(e.task);
      added++;
    }
    if (!added && received) {
      throw errors.eventsNotAdded(`No events were added: ${Object.keys(errorsInfo).join('; ')}`, { errors_info: errorsInfo });
    }
    const seriesAdded = await ctx.store.events.addScalars(scalars);
    await ctx.store.events.addLogs(logs);
    await ctx.store.events.addEvents(others);
    const folds = foldSeries(scalars, seriesAdded);
    const stamp = isoNow();
    const progress = (id: string): EventProgress => ({
      id,
      lastUpdate: stamp,
      maxIter: maxIter.get(id),
      metrics: folds.get(id) ?? [],
    });
    // Only owners that took events move: a refused event leaves its owner as it was.
    await ctx.store.tasks.recordEvents([...statuses.keys()].filter((id) => touched.has(id)).map(progress));
    await ctx.store.models.recordEvents([...readiness.keys()].filter((id) => touched.has(id)).map(progress));
    ctx.runtime.metrics?.ingestedEvents.inc(added);
    return { added, errors: received - added, errors_info: errorsInfo };
  });
}
