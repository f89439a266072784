import type { SeriesInfo, Store } from '../store/store';
import { seriesData, type HistogramRequest } from './series';
import type { ZoomedXY } from './zoom';

type Named = { name: string } & ZoomedXY;

/** An answer's shape with, in place of each series, its index in the series read: JSON objects down to numbers. */
export interface Skeleton {
  [key: string]: Skeleton | number;
}

/** The answer `skeleton` stands for, each index replaced by `leaf(index)`, keys in the skeleton's order. */
function fill<T>(skeleton: Skeleton, leaf: (i: number) => T): unknown {
  return Object.fromEntries(Object.entries(skeleton).map(([k, v]) => [k, typeof v === 'number' ? leaf(v) : fill(v, leaf)]));
}

/** events.scalar_metrics_iter_histogram's shape: metric → variant → series. */
export function taskSkeleton(series: SeriesInfo[]): Skeleton {
  const out: Record<string, Skeleton> = {};
  series.forEach((s, i) => {
    out[s.metric] ??= {};
    out[s.metric][s.variant] = i;
  });
  return out;
}

/** events.multi_task_scalar_metrics_iter_histogram's shape: metric → variant → task → series. */
export function multiTaskSkeleton(series: SeriesInfo[]): Skeleton {
  const metrics: Record<string, Record<string, Skeleton>> = {};
  series.forEach((s, i) => {
    metrics[s.metric] ??= {};
    metrics[s.metric][s.variant] ??= {};
    metrics[s.metric][s.variant][s.task] = i;
  });
  return { metrics };
}

/** The name a series has in a multi-task answer: its task's. */
export const taskName = (names: Record<string, string>, s: SeriesInfo) => names[s.task] ?? s.task;

/**
 * One named series of a chart answer (a reader job: a chart of several series is split over the reader
 * threads, a series a job, and its answer put together from their JSON; see offloadSplit).
 */
export async function namedSeries(store: Store, a: { series: SeriesInfo; req: HistogramRequest; name: string }) {
  return { name: a.name, ...(await seriesData(store, a.series, a.req)) } satisfies Named;
}

/** Each series at the resolution asked for, as the answer holds it (no packing: it does not cross threads as objects). */
async function readAll(store: Store, a: { series: SeriesInfo[]; req: HistogramRequest }): Promise<ZoomedXY[]> {
  const out: ZoomedXY[] = [];
  for (const s of a.series) out.push(await seriesData(store, s, a.req));
  return out;
}

/** events.scalar_metrics_iter_histogram's answer: metric → variant → series (a reader job). */
export async function taskHistogram(store: Store, a: { series: SeriesInfo[]; req: HistogramRequest }) {
  const data = await readAll(store, a);
  const leaf = (i: number): Named => ({ name: a.series[i].variant, ...data[i] });
  return fill(taskSkeleton(a.series), leaf) as Record<string, Record<string, Named>>;
}

/** events.multi_task_scalar_metrics_iter_histogram's answer: metric → variant → task → series, named by task. */
export async function multiTaskHistogram(
  store: Store,
  a: { series: SeriesInfo[]; req: HistogramRequest; names: Record<string, string> },
) {
  const data = await readAll(store, a);
  const leaf = (i: number): Named => ({ name: taskName(a.names, a.series[i]), ...data[i] });
  return fill(multiTaskSkeleton(a.series), leaf) as { metrics: Record<string, Record<string, Record<string, Named>>> };
}
