import type { Queue } from '../../shared/api/records';
import type { QueueSeries } from '../../shared/api/results';
import type { QueueSample, Store } from '../store/store';

/** One day of samples is kept. */
export const KEEP_MS = 24 * 3600 * 1000;
/** Old samples deleted per housekeeping round: a bounded statement, run every sampling interval. */
const EXPIRE_BATCH = 5000;

export function sampleOf(q: Queue, now = Date.now()): QueueSample {
  const waits = q.entries.map((e) => Math.max(0, (now - Date.parse(e.added)) / 1000));
  return {
    queue: q.id,
    at: now,
    length: q.entries.length,
    avgWait: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : 0,
  };
}

/**
 * Queue length and waiting time over time, as ClearML's queues.get_queue_metrics reports them:
 * a sample at every change of a queue and every 30 s, bucketed by interval (the state at the request added, not stored),
 * taking each bucket's largest waiting time and its length. The samples are in the store, so
 * every server on one database answers with all of them.
 */
export class QueueMetrics {
  constructor(private readonly store: Store) {}

  async record(queues: Queue[], now = Date.now()): Promise<void> {
    await this.store.queueSamples.add(queues.map((q) => sampleOf(q, now)));
  }

  /** Deletes a bounded batch of samples older than a day; returns how many went. */
  expire(now = Date.now()): Promise<number> {
    return this.store.queueSamples.deleteOlder(now - KEEP_MS, EXPIRE_BATCH);
  }

  /**
   * The stored samples of `queueIds` in buckets of `intervalSec`, with `now` (each queue's state at this
   * moment, not stored: a read must not write, or any viewer could grow the table faster than it expires).
   */
  async series(
    queueIds: string[],
    fromMs: number,
    toMs: number,
    intervalSec: number,
    now: QueueSample[] = [],
  ): Promise<QueueSeries[]> {
    const step = Math.max(1, Math.floor(intervalSec)) * 1000;
    const from = Math.max(fromMs, Date.now() - KEEP_MS);
    const rows = await this.store.queueSamples.buckets(queueIds, from, toMs, step);
    return queueIds.map((queue) => {
      const mine = rows.filter((r) => r.queue === queue);
      const live = now.find((s) => s.queue === queue);
      if (live && live.at >= from && live.at <= toMs) mergeInto(mine, { ...live, at: Math.floor(live.at / step) * step });
      return {
        queue,
        dates: mine.map((r) => Math.floor(r.at / 1000)),
        avg_waiting_times: mine.map((r) => round(r.avgWait)),
        queue_lengths: mine.map((r) => r.length),
      };
    });
  }

  /** Length-weighted mean over several queues, per bucket (ClearML's `all`). */
  combined(series: QueueSeries[]): QueueSeries {
    const byDate = new Map<number, { len: number; wait: number }>();
    for (const s of series) {
      s.dates.forEach((d, i) => {
        const cur = byDate.get(d) ?? { len: 0, wait: 0 };
        cur.len += s.queue_lengths[i];
        cur.wait += s.avg_waiting_times[i] * s.queue_lengths[i];
        byDate.set(d, cur);
      });
    }
    const dates = [...byDate.keys()].sort((a, b) => a - b);
    return {
      queue: 'all',
      dates,
      avg_waiting_times: dates.map((d) => {
        const c = byDate.get(d)!;
        return c.len ? round(c.wait / c.len) : 0;
      }),
      queue_lengths: dates.map((d) => byDate.get(d)!.len),
    };
  }
}

/** Puts `s` (its `at` a bucket's start) into the time-ordered buckets: a bucket keeps its largest waiting time, then length. */
function mergeInto(buckets: QueueSample[], s: QueueSample): void {
  const i = buckets.findIndex((b) => b.at >= s.at);
  if (i < 0) buckets.push(s);
  else if (buckets[i].at > s.at) buckets.splice(i, 0, s);
  else if (s.avgWait > buckets[i].avgWait || (s.avgWait === buckets[i].avgWait && s.length > buckets[i].length)) buckets[i] = s;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
