import { endpoint } from '../http/endpoint';
import { eventsByIteration } from './by-iteration';
import { addBatch } from './ingest';
import { assertEventOwner } from './owner';
import { readDocumentEvents } from './reader';

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

  endpoint(
    'events.vector_metrics_iter_histogram',
    async (req, ctx) => {
      await assertEventOwner(ctx, req.task, req.model_events);
      const events = await readDocumentEvents(ctx, [req.task], 'training_stats_vector', [
        { metric: req.metric, variants: [req.variant] },
      ]);
      events.sort((a, b) => (a.iter ?? 0) - (b.iter ?? 0) || a.timestamp - b.timestamp);
      return {
        metric: req.metric,
        variant: req.variant,
        vectors: events.map((e) => (Array.isArray(e.values) ? e.values : [])),
        iterations: events.map((e) => e.iter ?? 0),
      };
    },
    { access: 'read' },
  ),

  endpoint('events.plots', (req, ctx) => eventsByIteration(ctx, req, 'plot'), { access: 'read' }),
];
