import type { Store } from '../store/store';
import { categoriesOf, intervalFor, MACHINE_STAT_KEYS, shapeStats, type Aggregation } from './stats';

export interface StatsArgs {
  workers: string[] | undefined;
  fromSec: number;
  toSec: number;
  intervalSec: number;
  items: { key: string; aggregation: Aggregation }[];
  byVariant: boolean;
}

/** workers.get_stats, read on a reader thread. */
export async function workerStats(store: Store, a: StatsArgs) {
  const interval = intervalFor(a.fromSec, a.toSec, a.intervalSec);
  const buckets = await store.workerStats.buckets({
    workers: a.workers,
    metrics: [...new Set(a.items.map((i) => i.key))],
    fromMs: a.fromSec * 1000,
    toMs: a.toSec * 1000,
    stepMs: interval * 1000,
    byVariant: a.byVariant,
  });
  return { workers: shapeStats(buckets, a.items, interval, a.toSec) };
}

/** workers.get_activity_report, read on a reader thread: workers reporting, and those on a task, per interval. */
export async function workerActivity(store: Store, a: { fromSec: number; toSec: number; intervalSec: number }) {
  const interval = intervalFor(a.fromSec, a.toSec, a.intervalSec);
  const rows = await store.workerStats.activity(a.fromSec * 1000, a.toSec * 1000, interval * 1000);
  // The last interval is left out when not complete by the range's end (ClearML's 10% tolerance).
  const complete = rows.filter((r) => r.at / 1000 <= a.toSec - 0.9 * interval);
  const dates = complete.map((r) => Math.floor(r.at / 1000));
  return {
    total: { dates, counts: complete.map((r) => r.total) },
    active: { dates, counts: complete.map((r) => r.active) },
  };
}

/** workers.get_metric_keys: the metrics reported, by category. */
export async function workerMetricKeys(store: Store, workers: string[] | undefined) {
  return { categories: categoriesOf(await store.workerStats.metrics(MACHINE_STAT_KEYS, workers)) };
}
