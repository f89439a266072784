import type { DocumentEvent, EventDoc } from '../../shared/api/results';
import type { LogRow, Store, StoredEvent } from '../store/store';

export type { EventDoc } from '../../shared/api/results';

export type MetricFilter = { metric: string; variants?: string[] }[] | undefined;

/** Event types kept in the generic events table (scalars and logs have their own). */
export const DOCUMENT_TYPES = ['plot', 'training_debug_image', 'training_stats_vector'] as const;

export function matches(metric: string, variant: string, metrics: MetricFilter): boolean {
  if (!metrics?.length) return true;
  return metrics.some((m) => m.metric === metric && (!m.variants?.length || m.variants.includes(variant)));
}

export function documentEvent(e: StoredEvent): DocumentEvent {
  return { ...e.body, type: e.type, task: e.task, iter: e.iter, metric: e.metric, variant: e.variant, timestamp: e.timestamp };
}

export function logDoc(r: LogRow): EventDoc {
  return { type: 'log', task: r.task, timestamp: r.timestamp, level: r.level, worker: r.worker, msg: r.msg };
}

/** Every scalar point of an owner (task or model) as event documents, series by series in order of arrival. */
export async function readScalarEvents(
  store: Store,
  owner: string,
  metrics: MetricFilter,
  modelEvent = false,
): Promise<EventDoc[]> {
  const out: EventDoc[] = [];
  for (const s of await store.events.listSeries([owner])) {
    if (!matches(s.metric, s.variant, metrics)) continue;
    // A long series is read whole: let other requests run between series.
    await new Promise((resolve) => setImmediate(resolve));
    out.push(...(await readSeriesEvents(store, owner, s, modelEvent)));
  }
  return out;
}

/** The points of one series of `owner` (listed by `listSeries`), as events, in the order stored. */
export async function readSeriesEvents(
  store: Store,
  owner: string,
  s: { id: number; metric: string; variant: string },
  modelEvent = false,
): Promise<EventDoc[]> {
  const out: EventDoc[] = [];
  for (const c of await store.events.readChunks(s.id, true)) {
    for (let i = 0; i < c.count; i++) {
      out.push({
        type: 'training_stats_scalar',
        task: owner,
        iter: c.iters![i],
        metric: s.metric,
        variant: s.variant,
        value: c.values![i],
        timestamp: c.times![i],
        ...(modelEvent ? { model_event: true } : {}),
      });
    }
  }
  return out;
}

/** Plot, debug image and vector events of an owner, of one type or all of them. */
export async function readDocumentEvents(
  store: Store,
  owners: string[],
  type: string | undefined,
  metrics: MetricFilter,
): Promise<EventDoc[]> {
  const types = type ? [type] : [...DOCUMENT_TYPES];
  const out: EventDoc[] = [];
  for (const t of types) {
    for (const e of await store.events.queryEvents({ tasks: owners, type: t, metrics })) out.push(documentEvent(e));
  }
  return out;
}

/** Sorts by iteration (then time of arrival), ascending or descending. */
export function byIter(events: EventDoc[], desc: boolean): EventDoc[] {
  const dir = desc ? -1 : 1;
  return events.sort((a, b) => dir * ((a.iter ?? 0) - (b.iter ?? 0)) || dir * (a.timestamp - b.timestamp));
}

/**
 * The first `size` events, plus every further event of the last page's iteration: as
 * clearml-server pages by iteration, a page never splits one iteration.
 */
export function takeWholeIterations(sorted: EventDoc[], size: number): EventDoc[] {
  if (sorted.length <= size) return sorted;
  let end = size;
  const last = sorted[size - 1].iter;
  while (end < sorted.length && sorted[end].iter === last) end++;
  return sorted.slice(0, end);
}
