import type { ValidRequestOf } from '../../shared/api/contract';
import type { PlotEvent } from '../../shared/api/results';
import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';
import { endpoint, type RequestContext } from '../http/endpoint';
import { capByBytes } from '../http/byte-cap';
import type { Content } from '../http/compression';
import { errors } from '../http/errors';
import type { Store, StoredEvent } from '../store/store';
import { getTaskOr400 } from '../tasks/common';
import { offloadAnswer, offloadSplit, splits } from '../readers/offload';
import { multiTaskSkeleton, taskName, taskSkeleton } from './histograms';
import { wanted, type HistogramRequest } from './series';
import { checkBatchBody } from './checked-batch';
import { addBatch, addChecked } from './ingest';
import { assertEventOwner, eventOwnerNames } from './owner';

/** Only what the series job reads: the request crosses to a reader thread. */
function histogramRequest(req: HistogramRequest): HistogramRequest {
  return { samples: req.samples, key: req.key, x_min: req.x_min, x_max: req.x_max, band: req.band };
}

/** A chart's series are arrays of numbers, unless its x axis is ISO times (strings much alike: text). */
const seriesContent = (req: HistogramRequest): Content => (req.key === 'iso_time' ? 'text' : 'numbers');

function logEvent(r: { pos: number; task: string; timestamp: number; level: string; worker: string; msg: string }) {
  return { type: 'log', task: r.task, timestamp: r.timestamp, level: r.level, worker: r.worker, msg: r.msg, pos: r.pos };
}

function plotEvent(e: StoredEvent): PlotEvent {
  return { ...e.body, type: e.type, task: e.task, iter: e.iter, metric: e.metric, variant: e.variant, timestamp: e.timestamp };
}

/** events.get_task_plots's answer (a reader job: plots are large documents). */
export async function taskPlots(store: Store, req: ValidRequestOf<'events.get_task_plots'>) {
  await assertEventOwner({ store }, req.task, req.model_events);
  const plots = await store.events.queryEvents({
    tasks: [req.task],
    type: 'plot',
    metrics: req.metrics,
    iter: req.iter,
    lastIters: req.iter === undefined ? (req.iters ?? 1) : undefined,
  });
  const events = plots.map(plotEvent);
  return { plots: events, returned: events.length, total: events.length, scroll_id: '' };
}

/** events.get_task_single_value_metrics's answer (a reader job: it reads the points of the chunks holding one). */
export async function singleValueMetrics(store: Store, req: ValidRequestOf<'events.get_task_single_value_metrics'>) {
  const tasks = req.model_events
    ? (await Promise.all(req.tasks.map((id) => store.models.get(id)))).filter((m) => m !== null)
    : await store.tasks.getMany(req.tasks);
  const out = [];
  for (const t of tasks) {
    const values = [];
    for (const s of await store.events.listSeries([t.id])) {
      if (!wanted(s, req.metrics)) continue;
      // Only the chunks whose iterations reach the reserved one: SQL skips the rest of a long series.
      const holding = { lo: SINGLE_VALUE_ITERATION, hi: SINGLE_VALUE_ITERATION };
      for (const c of await store.events.readChunks(s.id, true, undefined, holding)) {
        for (let i = 0; i < c.count; i++) {
          if (c.iters![i] === SINGLE_VALUE_ITERATION) {
            values.push({ metric: s.metric, variant: s.variant, value: c.values![i], timestamp: c.times![i] });
          }
        }
      }
    }
    if (values.length) out.push({ task: t.id, task_name: t.name, values });
  }
  return { tasks: out };
}

export const eventEndpoints = [
  {
    ...endpoint('events.add_batch', (events, ctx) => addBatch(ctx, events)),
    rawHandler: async (raw: Buffer, contentType: string | undefined, ctx: RequestContext) => {
      const parsing = performance.now();
      const batch = await (ctx.runtime.parsePool?.parse(raw, contentType) ?? checkBatchBody(raw, contentType, ctx.config));
      ctx.runtime.metrics?.ingestStage('parse', parsing);
      return addChecked(ctx, batch);
    },
  },

  endpoint(
    'events.scalar_metrics_iter_histogram',
    async (req, ctx) => {
      await assertEventOwner(ctx, req.task, req.model_events);
      const series = (await ctx.store.events.listSeries([req.task])).filter((s) => wanted(s, req.metrics));
      const hreq = histogramRequest(req);
      if (splits(ctx, series.length)) {
        const parts = series.map((s) => ({ series: s, req: hreq, name: s.variant }));
        return offloadSplit(ctx, 'namedSeries', parts, taskSkeleton(series));
      }
      return offloadAnswer(ctx, 'taskHistogram', { series, req: hreq });
    },
    { access: 'read', content: seriesContent },
  ),

  endpoint(
    'events.multi_task_scalar_metrics_iter_histogram',
    async (req, ctx) => {
      const ids = typeof req.tasks === 'string' ? req.tasks.split(',').map((s) => s.trim()) : req.tasks;
      const names = Object.fromEntries(await eventOwnerNames(ctx, ids, req.model_events));
      const series = (await ctx.store.events.listSeries(ids)).filter((s) => wanted(s, req.metrics));
      const hreq = histogramRequest(req);
      if (splits(ctx, series.length)) {
        const parts = series.map((s) => ({ series: s, req: hreq, name: taskName(names, s) }));
        return offloadSplit(ctx, 'namedSeries', parts, multiTaskSkeleton(series));
      }
      return offloadAnswer(ctx, 'multiTaskHistogram', { series, req: hreq, names });
    },
    { access: 'read', content: seriesContent },
  ),

  endpoint(
    'events.get_scalar_metrics_and_variants',
    async (req, ctx) => {
      await assertEventOwner(ctx, req.task, req.model_events);
      const metrics: Record<string, Record<string, { name: string; count: number }>> = {};
      for (const s of await ctx.store.events.listSeries([req.task])) {
        metrics[s.metric] ??= {};
        metrics[s.metric][s.variant] = { name: s.variant, count: s.count };
      }
      return { metrics };
    },
    { access: 'read' },
  ),

  endpoint(
    'events.get_task_log',
    async (req, ctx) => {
      await getTaskOr400(ctx.store, req.task);
      const earlier = req.navigate_earlier ?? true;
      const limit = Math.min(req.batch_size ?? 5000, ctx.config.maxPageSize);
      let rows;
      if (req.from_pos !== undefined && req.from_pos !== null) {
        rows = await ctx.store.events.readLogs(
          req.task,
          earlier ? { before: req.from_pos, limit, desc: true } : { after: req.from_pos, limit, desc: false },
        );
      } else if (req.from_timestamp !== undefined && req.from_timestamp !== null) {
        rows = await ctx.store.events.readLogs(
          req.task,
          earlier ? { tsBefore: req.from_timestamp, limit, desc: true } : { tsAfter: req.from_timestamp, limit, desc: false },
        );
      } else {
        rows = await ctx.store.events.readLogs(req.task, { limit, desc: earlier });
      }
      // Rows come nearest first, so a cut keeps the nearest; the client asks again from the last one.
      rows = capByBytes(rows, (r) => r.msg + r.worker + r.level, ctx.config.maxAnswerBytes);
      // A batch read backwards comes newest first; `order` asks for it the other way round.
      const order = req.order ?? (earlier ? 'desc' : 'asc');
      const desc = earlier;
      if ((order === 'asc' && desc) || (order === 'desc' && !desc)) rows.reverse();
      const events = rows.map(logEvent);
      return { events, returned: events.length, total: await ctx.store.events.countLogs(req.task) };
    },
    { access: 'read' },
  ),

  endpoint('events.get_task_plots', (req, ctx) => offloadAnswer(ctx, 'taskPlots', req), { access: 'read' }),

  endpoint('events.debug_images', (req, ctx) => offloadAnswer(ctx, 'eventsByIteration', { req, type: 'training_debug_image' }), {
    access: 'read',
  }),

  endpoint(
    'events.get_task_metrics',
    async (req, ctx) => {
      const type = req.event_type ?? 'training_stats_scalar';
      const out = new Map<string, Set<string>>(req.tasks.map((t) => [t, new Set()]));
      if (type === 'training_stats_scalar') {
        for (const s of await ctx.store.events.listSeries(req.tasks)) out.get(s.task)?.add(s.metric);
      } else if (type !== 'log') {
        for (const m of await ctx.store.events.listMetrics(req.tasks, type)) out.get(m.task)?.add(m.metric);
      }
      return { metrics: [...out].map(([task, names]) => ({ task, metrics: [...names].sort() })) };
    },
    { access: 'read' },
  ),

  endpoint('events.get_task_single_value_metrics', (req, ctx) => offloadAnswer(ctx, 'singleValueMetrics', req), {
    access: 'read',
  }),

  endpoint('events.delete_for_task', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      if (t.status === 'published' && !req.allow_locked) {
        throw errors.invalidTaskStatus(`Cannot delete the events of published task "${t.name}" (${t.id})`, { task: t.id });
      }
      return { deleted: await ctx.store.events.deleteForTask(t.id) };
    }),
  ),
];
