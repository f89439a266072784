import type { ValidRequestOf } from '../../shared/api/contract';
import { endpoint } from '../http/endpoint';
import { offloadAnswer } from '../readers/offload';
import type { Store } from '../store/store';
import { eventOwnerNames } from './owner';
import { DOCUMENT_TYPES, readDocumentEvents, type EventDoc } from './reader';
import { byCodeUnits } from '../../shared/code-units';

type Grouped = Record<string, Record<string, Record<string, Record<string, { name: string; plots: EventDoc[] }>>>>;

/**
 * events.get_multi_task_plots's answer, plots of several tasks (or models) for comparison: metric → variant →
 * task → iteration → {name, plots} (a reader job: plots are large documents).
 */
export async function multiTaskPlots(store: Store, req: ValidRequestOf<'events.get_multi_task_plots'>) {
  const names = await eventOwnerNames({ store }, req.tasks, req.model_events);
  const events = await readDocumentEvents(store, [...names.keys()], 'plot', req.metrics);
  const iters = req.iters ?? 1;
  // Newest first per metric/variant/task; the newest `iters` events of each are kept.
  events.sort((a, b) => (b.iter ?? 0) - (a.iter ?? 0) || b.timestamp - a.timestamp);
  const kept = new Map<string, number>();
  const plots: Grouped = {};
  for (const e of events) {
    const k = `${e.metric}\u0000${e.variant}\u0000${e.task}`;
    const n = kept.get(k) ?? 0;
    if (n >= iters) continue;
    kept.set(k, n + 1);
    const byIter = (((plots[e.metric ?? ''] ??= {})[e.variant ?? ''] ??= {})[e.task] ??= {});
    (byIter[String(e.iter ?? 0)] ??= { name: names.get(e.task) ?? e.task, plots: [] }).plots.push(e);
  }
  return { plots, returned: Object.keys(plots).length, total: events.length };
}

export const multiTaskEndpoints = [
  endpoint('events.get_multi_task_plots', (req, ctx) => offloadAnswer(ctx, 'multiTaskPlots', req), { access: 'read' }),

  /** The distinct metrics and variants the tasks (or models) reported, of one event type or of all. */
  endpoint(
    'events.get_multi_task_metrics',
    async (req, ctx) => {
      const ids = [...(await eventOwnerNames(ctx, req.tasks, req.model_events)).keys()];
      const type = req.event_type;
      const found = new Map<string, Set<string>>();
      const add = (metric: string, variant: string) =>
        (found.get(metric) ?? found.set(metric, new Set()).get(metric)!).add(variant);
      if (!type || type === 'training_stats_scalar')
        for (const s of await ctx.store.events.listSeries(ids)) add(s.metric, s.variant);
      for (const t of DOCUMENT_TYPES) {
        if (type && type !== t) continue;
        for (const m of await ctx.store.events.listMetrics(ids, t)) add(m.metric, m.variant);
      }
      const metrics = [...found].map(([metric, variants]) => ({ metric, variants: [...variants].sort() }));
      return { metrics: metrics.sort(byCodeUnits((m) => m.metric)) };
    },
    { access: 'read' },
  ),
];
