import type { StatBucket, WorkerStatRow } from '../store/store';

/** The machine statistics an agent reports (clearml-server's MachineStats); a list holds one value per device. */
export const MACHINE_STAT_KEYS = [
  'cpu_usage',
  'cpu_temperature',
  'gpu_usage',
  'gpu_temperature',
  'gpu_memory_free',
  'gpu_memory_used',
  'memory_used',
  'memory_free',
  'network_tx',
  'network_rx',
  'disk_free_home',
  'disk_free_temp',
  'disk_read',
  'disk_write',
] as const;

/** Devices kept apart at most; a longer list (a machine's many cores) is kept as its mean. */
const MAX_DEVICES = 16;
/** One day of statistics is kept, as of queue samples. */
export const STATS_KEEP_MS = 24 * 3600 * 1000;
/**
 * Old statistics deleted per housekeeping round (every 30 s): a bounded statement that keeps up with 500 rows a
 * second, a hundred busy workers reporting every 10 s.
 */
export const STATS_EXPIRE_BATCH = 20_000;
/** A worker's statistics are stored at most once this long: a looping client must not outgrow the expiry. */
export const STATS_EVERY_MS = 10_000;
/** ClearML's shortest chart interval (services.workers.min_chart_interval_sec). */
export const MIN_INTERVAL_SEC = 40;
/** Buckets of a series at most: a long range gets a longer interval. */
const MAX_BUCKETS = 5000;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The rows of one report's statistics: a value per metric and device ("total" for a single value or a mean). */
export function statRows(worker: string, at: number, task: string | null, stats: Record<string, unknown>): WorkerStatRow[] {
  const rows: WorkerStatRow[] = [];
  const row = (metric: string, variant: string, value: number) => rows.push({ worker, at, task, metric, variant, value });
  for (const metric of MACHINE_STAT_KEYS) {
    const v = stats[metric];
    if (finite(v)) row(metric, 'total', v);
    else if (Array.isArray(v)) {
      const values = v.filter(finite);
      if (!values.length) continue;
      if (values.length <= MAX_DEVICES) values.forEach((x, i) => row(metric, String(i), x));
      else row(metric, 'total', values.reduce((a, b) => a + b, 0) / values.length);
    }
  }
  return rows;
}

/** Keeps at most one stored report per worker every STATS_EVERY_MS (per server). */
export class StatsThrottle {
  private readonly last = new Map<string, number>();

  take(worker: string, now = Date.now()): boolean {
    const prev = this.last.get(worker);
    if (prev !== undefined && now - prev < STATS_EVERY_MS) return false;
    this.last.set(worker, now);
    // Forget workers long gone, so that the map does not grow with every worker id ever seen.
    if (this.last.size > 10_000) for (const [w, t] of this.last) if (now - t > STATS_EVERY_MS) this.last.delete(w);
    return true;
  }
}

/** The bucket length for a range: at least the asked interval and ClearML's shortest, at most MAX_BUCKETS buckets. */
export function intervalFor(fromSec: number, toSec: number, intervalSec: number): number {
  return Math.max(Math.floor(intervalSec), MIN_INTERVAL_SEC, Math.ceil((toSec - fromSec) / MAX_BUCKETS));
}

export type Aggregation = 'avg' | 'min' | 'max';

export interface MetricStats {
  metric: string;
  variant?: string;
  dates: number[];
  stats: { aggregation: Aggregation; values: number[] }[];
}

/**
 * workers.get_stats's answer from the buckets (ordered by worker, metric, variant and time): per worker the
 * metrics asked for, each with its dates (seconds) and the aggregations asked for it, in the order asked; the last
 * bucket left out when it is not complete by `toSec` (ClearML's 10% tolerance).
 */
export function shapeStats(
  buckets: StatBucket[],
  items: { key: string; aggregation: Aggregation }[],
  intervalSec: number,
  toSec: number,
): { worker: string; metrics: MetricStats[] }[] {
  const aggsOf = new Map<string, Aggregation[]>();
  for (const it of items) {
    const list = aggsOf.get(it.key) ?? [];
    if (!list.includes(it.aggregation)) list.push(it.aggregation);
    aggsOf.set(it.key, list);
  }
  const cutoffMs = (toSec - 0.9 * intervalSec) * 1000;
  const workers = new Map<string, Map<string, MetricStats>>();
  for (const b of buckets) {
    const aggs = aggsOf.get(b.metric);
    if (!aggs || b.at > cutoffMs) continue;
    const metrics = workers.get(b.worker) ?? new Map<string, MetricStats>();
    workers.set(b.worker, metrics);
    const id = `${b.metric}\u0000${b.variant ?? ''}`;
    let m = metrics.get(id);
    if (!m) {
      m = {
        metric: b.metric,
        ...(b.variant !== null ? { variant: b.variant } : {}),
        dates: [],
        stats: aggs.map((aggregation) => ({ aggregation, values: [] })),
      };
      metrics.set(id, m);
    }
    m.dates.push(Math.floor(b.at / 1000));
    for (const s of m.stats) s.values.push(b[s.aggregation]);
  }
  return [...workers].map(([worker, metrics]) => ({ worker, metrics: [...metrics.values()] }));
}

/** workers.get_metric_keys's categories: the metrics by the word before their first underscore. */
export function categoriesOf(metrics: string[]): { name: string; metric_keys: string[] }[] {
  const byName = new Map<string, string[]>();
  for (const m of [...metrics].sort()) {
    const name = m.split('_')[0];
    byName.set(name, [...(byName.get(name) ?? []), m]);
  }
  return [...byName].map(([name, metric_keys]) => ({ name, metric_keys }));
}
