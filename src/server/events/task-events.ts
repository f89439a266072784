import { z } from 'zod';
import * as api from '../../shared/api/events';
import type { ValidRequestOf } from '../../shared/api/contract';
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { offloadAnswer } from '../readers/offload';
import type { Store } from '../store/store';
import { getTaskOr400 } from '../tasks/common';
import { assertEventOwner } from './owner';
import {
  byIter,
  logDoc,
  readDocumentEvents,
  readScalarEvents,
  readSeriesEvents,
  takeWholeIterations,
  type EventDoc,
} from './reader';
import { decodeScroll, encodeScroll, metricsState } from './scroll';

/** clearml-server caps a get_task_events page at its raw-scalar limit. */
const MAX_EVENTS_PAGE = 10_000;
const DEFAULT_EVENTS_PAGE = 500;
const SCALAR_DATA_PAGE = 10_000;
const RAW_DEFAULT_BATCH = 10_000;
const RAW_MAX_BATCH = 200_000;

const taskEventsState = z.object({
  task: z.string(),
  type: z.string().optional(),
  metrics: metricsState,
  order: z.enum(['asc', 'desc']),
  batch: z.number().int().min(1).max(MAX_EVENTS_PAGE),
  total: z.number().int().nullable(),
  model: z.boolean(),
  /** Iteration of the last event returned, and the console position once the iterations are done. */
  iter: z.number().nullable(),
  logs: z.boolean(),
  logPos: z.number().nullable(),
});
type TaskEventsState = z.infer<typeof taskEventsState>;

/** Events with an iteration (everything but console lines) of an owner, filtered as the request asks. */
async function iterEvents(store: Store, s: Pick<TaskEventsState, 'task' | 'type' | 'metrics' | 'model'>): Promise<EventDoc[]> {
  if (s.type === 'log') return [];
  const scalars = !s.type || s.type === 'training_stats_scalar' ? await readScalarEvents(store, s.task, s.metrics, s.model) : [];
  const docs = s.type === 'training_stats_scalar' ? [] : await readDocumentEvents(store, [s.task], s.type, s.metrics);
  return [...scalars, ...docs];
}

/** events.get_task_events's answer (a reader job: it reads every scalar point of the task). */
export async function taskEvents(store: Store, req: z.infer<typeof api.taskEvents>) {
  let s: TaskEventsState;
  if (req.scroll_id) {
    s = decodeScroll(taskEventsState, req.scroll_id);
    if (s.task !== req.task) throw errors.validation('Invalid scroll_id: it belongs to another task');
    if (req.batch_size) s.batch = Math.min(req.batch_size, MAX_EVENTS_PAGE);
  } else {
    s = {
      task: req.task,
      type: req.event_type,
      metrics: req.metrics,
      order: req.order ?? 'asc',
      model: !!req.model_events,
      batch: Math.min(req.batch_size ?? DEFAULT_EVENTS_PAGE, MAX_EVENTS_PAGE),
      total: null,
      iter: null,
      logs: false,
      logPos: null,
    };
  }
  await assertEventOwner({ store }, s.task, s.model);
  // Console lines have no iteration; as in clearml-server's index (missing sort values last) they come after the rest.
  const withLogs = !s.model && (!s.type || s.type === 'log');
  const all = await iterEvents(store, s);
  if (s.total === null && req.count_total !== false) {
    s.total = all.length + (withLogs ? await store.events.countLogs(s.task) : 0);
  }
  const desc = s.order === 'desc';
  let page: EventDoc[] = [];
  if (!s.logs) {
    const rest = s.iter === null ? all : all.filter((e) => (desc ? (e.iter ?? 0) < s.iter! : (e.iter ?? 0) > s.iter!));
    page = takeWholeIterations(byIter(rest, desc), s.batch);
    if (page.length) s.iter = page[page.length - 1].iter ?? 0;
    if (page.length < s.batch) s.logs = true;
  }
  if (s.logs && withLogs && page.length < s.batch) {
    const rows = await store.events.readLogs(s.task, {
      after: s.logPos ?? undefined,
      limit: s.batch - page.length,
      desc: false,
    });
    if (rows.length) s.logPos = rows[rows.length - 1].pos;
    page = [...page, ...rows.map(logDoc)];
  }
  return { events: page, returned: page.length, total: s.total ?? undefined, scroll_id: encodeScroll(s) };
}

const offsetState = z.object({ task: z.string(), metric: z.string(), model: z.boolean(), offset: z.number().int().min(0) });

const rawState = z.object({
  task: z.string(),
  metric: z.string(),
  variants: z.array(z.string()).optional(),
  key: z.enum(['iter', 'timestamp', 'iso_time']),
  batch: z.number().int().min(1).max(RAW_MAX_BATCH),
  model: z.boolean(),
  offset: z.number().int().min(0),
  total: z.number().int().nullable(),
});

/** Sorts scalar events by the requested x axis (`iso_time` sorts as the timestamp). */
function byKey(events: EventDoc[], key: 'iter' | 'timestamp' | 'iso_time'): EventDoc[] {
  const field = key === 'iter' ? 'iter' : 'timestamp';
  return events.sort((a, b) => (a[field] as number) - (b[field] as number) || a.timestamp - b.timestamp);
}

/** events.get_scalar_metric_data's answer (a reader job: it reads the metric's every point). */
export async function scalarMetricData(store: Store, req: ValidRequestOf<'events.get_scalar_metric_data'>) {
  const s =
    req.scroll_id && !req.no_scroll
      ? decodeScroll(offsetState, req.scroll_id)
      : { task: req.task, metric: req.metric, model: !!req.model_events, offset: 0 };
  if (s.task !== req.task) throw errors.validation('Invalid scroll_id: it belongs to another task');
  await assertEventOwner({ store }, s.task, s.model);
  const all = byIter(await readScalarEvents(store, s.task, [{ metric: s.metric }], s.model), true);
  const events = all.slice(s.offset, s.offset + SCALAR_DATA_PAGE);
  const next = req.no_scroll ? undefined : encodeScroll({ ...s, offset: s.offset + events.length });
  return { events, returned: events.length, total: all.length, scroll_id: next };
}

/** events.scalar_metrics_iter_raw's answer (a reader job: it reads the metric's every point). */
export async function scalarMetricsRaw(store: Store, req: ValidRequestOf<'events.scalar_metrics_iter_raw'>) {
  const s = req.scroll_id
    ? decodeScroll(rawState, req.scroll_id)
    : {
        task: req.task,
        metric: req.metric.metric,
        variants: req.metric.variants,
        key: req.key ?? 'iter',
        batch: Math.min(req.batch_size ?? RAW_DEFAULT_BATCH, RAW_MAX_BATCH),
        model: !!req.model_events,
        offset: 0,
        total: null,
      };
  if (s.task !== req.task) throw errors.validation('Invalid scroll_id: it belongs to another task');
  if (req.scroll_id && req.batch_size) s.batch = Math.min(req.batch_size, RAW_MAX_BATCH);
  await assertEventOwner({ store }, s.task, s.model);
  const all = byKey(await readScalarEvents(store, s.task, [{ metric: s.metric, variants: s.variants }], s.model), s.key);
  if (s.total === null && req.count_total) s.total = all.length;
  const page = all.slice(s.offset, s.offset + s.batch);
  const variants: Record<string, Record<string, (number | string)[]>> = {};
  for (const e of page) {
    const v = (variants[e.variant ?? ''] ??= { y: [], [s.key]: [] });
    v.y.push(e.value as number);
    v[s.key].push(
      s.key === 'iter' ? (e.iter as number) : s.key === 'timestamp' ? e.timestamp : new Date(e.timestamp).toISOString(),
    );
  }
  return {
    variants,
    returned: page.length,
    total: s.total ?? undefined,
    scroll_id: encodeScroll({ ...s, offset: s.offset + page.length }),
  };
}

/** events.get_task_latest_scalar_values's answer (a reader job: it reads each series whole). */
export async function latestScalarValues(store: Store, req: ValidRequestOf<'events.get_task_latest_scalar_values'>) {
  const t = await getTaskOr400(store, req.task);
  const metrics = new Map<string, { name: string; last_value: number; last_100_value: number }[]>();
  let lastTimestamp = 0;
  for (const s of await store.events.listSeries([t.id])) {
    // One series at a time, read by its id (through readScalarEvents each listed every series again: 5,000 series
    // held a reader thread for 54 s).
    await new Promise((resolve) => setImmediate(resolve));
    const points = await readSeriesEvents(store, t.id, s);
    byIter(points, false);
    const tail = points.slice(-100);
    if (!tail.length) continue;
    const last = tail[tail.length - 1];
    lastTimestamp = Math.max(lastTimestamp, ...tail.map((p) => p.timestamp));
    const variants = metrics.get(s.metric) ?? [];
    variants.push({
      name: s.variant,
      last_value: last.value as number,
      last_100_value: tail.reduce((a, p) => a + (p.value as number), 0) / tail.length,
    });
    metrics.set(s.metric, variants);
  }
  return {
    metrics: [...metrics].map(([name, variants]) => ({ name, variants })),
    last_iter: t.last_iteration,
    name: t.name,
    status: t.status,
    last_timestamp: lastTimestamp,
  };
}

export const taskEventEndpoints = [
  endpoint('events.get_task_events', (req, ctx) => offloadAnswer(ctx, 'taskEvents', req), { access: 'read' }),

  endpoint('events.get_scalar_metric_data', (req, ctx) => offloadAnswer(ctx, 'scalarMetricData', req), { access: 'read' }),

  endpoint('events.scalar_metrics_iter_raw', (req, ctx) => offloadAnswer(ctx, 'scalarMetricsRaw', req), { access: 'read' }),

  endpoint('events.get_task_latest_scalar_values', (req, ctx) => offloadAnswer(ctx, 'latestScalarValues', req), {
    access: 'read',
  }),

  endpoint('events.clear_task_log', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      if (t.status === 'published' && !req.allow_locked) {
        throw errors.invalidTaskStatus(`Cannot clear the console of published task "${t.name}" (${t.id})`, { task: t.id });
      }
      const olderThan = req.threshold_sec ? Date.now() - req.threshold_sec * 1000 : undefined;
      return { deleted: await ctx.store.events.deleteLogs(t.id, olderThan) };
    }),
  ),

  endpoint('events.delete_for_model', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const m = await ctx.store.models.get(req.model);
      if (!m) throw errors.invalidModelId(req.model);
      if (m.ready && !req.allow_locked) {
        throw errors.validation(`Cannot delete the events of published model "${m.name}" (${m.id}); pass allow_locked`);
      }
      return { deleted: await ctx.store.events.deleteForTask(m.id) };
    }),
  ),

  // Scroll ids carry their whole state, so there is nothing to clear.
  endpoint('events.clear_scroll', async () => ({}), { access: 'read' }),
];
