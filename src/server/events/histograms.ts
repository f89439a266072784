import type { SeriesInfo, Store } from '../store/store';
import { readSeries, unpack, type HistogramRequest } from './series';
import type { ZoomedXY } from './zoom';

type Named = { name: string } & ZoomedXY;

/** events.scalar_metrics_iter_histogram's answer: metric → variant → series (a reader job). */
export async function taskHistogram(store: Store, a: { series: SeriesInfo[]; req: HistogramRequest }) {
  const data = await readSeries(store, a);
  const out: Record<string, Record<string, Named>> = {};
  a.series.forEach((s, i) => {
    out[s.metric] ??= {};
    out[s.metric][s.variant] = { name: s.variant, ...unpack(data[i]) };
  });
  return out;
}

/** events.multi_task_scalar_metrics_iter_histogram's answer: metric → variant → task → series, named by task. */
export async function multiTaskHistogram(
  store: Store,
  a: { series: SeriesInfo[]; req: HistogramRequest; names: Record<string, string> },
) {
  const data = await readSeries(store, a);
  const metrics: Record<string, Record<string, Record<string, Named>>> = {};
  a.series.forEach((s, i) => {
    metrics[s.metric] ??= {};
    metrics[s.metric][s.variant] ??= {};
    metrics[s.metric][s.variant][s.task] = { name: a.names[s.task] ?? s.task, ...unpack(data[i]) };
  });
  return { metrics };
}
