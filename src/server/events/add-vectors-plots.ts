import type { ValidRequestOf } from '../../shared/api/contract';
import { endpoint } from '../http/endpoint';
import { offloadAnswer } from '../readers/offload';
import type { Store } from '../store/store';
import { addBatch } from './ingest';
import { assertEventOwner } from './owner';
import { readDocumentEvents } from './reader';

/** events.vector_metrics_iter_histogram's answer (a reader job: vectors can be long). */
export async function vectorHistogram(store: Store, req: ValidRequestOf<'events.vector_metrics_iter_histogram'>) {
  await assertEventOwner({ store }, req.task, req.model_events);
  const events = await readDocumentEvents(store, [req.task], 'training_stats_vector', [
    { metric: req.metric, variants: [req.variant] },
  ]);
  events.sort((a, b) => (a.iter ?? 0) - (b.iter ?? 0) || a.timestamp - b.timestamp);
  return {
    metric: req.metric,
    variant: req.variant,
    vectors: events.map((e) => (Array.isArray(e.values) ? e.values : [])),
    iterations: events.map((e) => e.iter ?? 0),
  };
}

/** The remaining event endpoints of clearml-server's events service: one event, vectors, plots by iteration. */
export const moreEventEndpoints = [
  endpoint('events.add', (event, ctx) => addBatch(ctx, [event])),

  endpoint(
    'events.get_vector_metrics_and_variants',
    async (req, ctx) => {
      await assertEventOwner(ctx, req.task, req.model_events);
      const metrics: Record<string, string[]> = {};
      for (const m of await ctx.store.events.listMetrics([req.task], 'training_stats_vector'))
        (metrics[m.metric] ??= []).push(m.variant);
      return { metrics };
    },
    { access: 'read' },
  ),

  endpoint('events.vector_metrics_iter_histogram', (req, ctx) => offloadAnswer(ctx, 'vectorHistogram', req), {
    access: 'read',
  }),

  endpoint('events.plots', (req, ctx) => offloadAnswer(ctx, 'eventsByIteration', { req, type: 'plot' }), {
    access: 'read',
  }),
];
