import { z } from 'zod';
import type * as api from '../../shared/api/events';
import type { Store, StoredEvent } from '../store/store';
import { assertEventOwner } from './owner';
import { decodeScroll } from './scroll';

function plotEvent(e: StoredEvent) {
  return { ...e.body, type: e.type, task: e.task, iter: e.iter, metric: e.metric, variant: e.variant, timestamp: e.timestamp };
}

/** Where each task's last page ended: its iteration. */
const positions = z.record(z.string(), z.number().int());
const decodePositions = (s: string | null | undefined): Record<string, number> => (s ? decodeScroll(positions, s) : {});

/**
 * events.debug_images and events.plots: per task, the newest event of each metric/variant in
 * each of the latest `iters` iterations, paged by iteration with the position in the scroll id (a reader job:
 * it reads every event of the kind, plots and all).
 */
export async function eventsByIteration(
  store: Store,
  { req, type }: { req: z.infer<typeof api.debugImages>; type: 'training_debug_image' | 'plot' },
) {
  const earlier = req.navigate_earlier ?? true;
  const scroll = req.refresh ? {} : decodePositions(req.scroll_id);
  const iters = req.iters ?? 1;
  const nextScroll: Record<string, number> = { ...scroll };
  const metrics = [];
  const byTask = new Map<string, { metric: string; variants?: string[] }[] | undefined>();
  for (const m of req.metrics) {
    await assertEventOwner({ store }, m.task, req.model_events);
    if (!m.metric) byTask.set(m.task, undefined);
    else if (!byTask.has(m.task) || byTask.get(m.task)) {
      byTask.set(m.task, [...(byTask.get(m.task) ?? []), { metric: m.metric, variants: m.variants }]);
    }
  }
  for (const [task, filter] of byTask) {
    const from = scroll[task];
    const events = await store.events.queryEvents({
      tasks: [task],
      type,
      metrics: filter,
      iterBelow: from !== undefined && earlier ? from : undefined,
      iterAbove: from !== undefined && !earlier ? from : undefined,
    });
    // Newest event per metric/variant in each iteration, `iters` iterations at most.
    const byIter = new Map<number, Map<string, StoredEvent>>();
    for (const e of events) {
      let m = byIter.get(e.iter);
      if (!m) {
        if (byIter.size >= iters && earlier) continue;
        byIter.set(e.iter, (m = new Map()));
      }
      const k = `${e.metric}\u0000${e.variant}`;
      if (!m.has(k)) m.set(k, e);
    }
    let list = [...byIter.entries()].sort((a, b) => b[0] - a[0]);
    if (!earlier) list = list.slice(-iters);
    const iterations = list.map(([iter, evs]) => ({
      iter,
      events: [...evs.values()]
        .sort((a, b) => a.metric.localeCompare(b.metric) || a.variant.localeCompare(b.variant))
        .map(plotEvent),
    }));
    if (iterations.length) nextScroll[task] = earlier ? iterations[iterations.length - 1].iter : iterations[0].iter;
    metrics.push({ task, iterations });
  }
  return { scroll_id: Buffer.from(JSON.stringify(nextScroll)).toString('base64url'), metrics };
}
