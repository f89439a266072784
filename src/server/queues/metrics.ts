import type { Queue } from '../../shared/api/records';
import type { QueueSeries } from '../../shared/api/results';

interface Sample {
  /** Epoch ms. */
  at: number;
  length: number;
  /** Mean time the queued tasks have waited, in seconds. */
  avgWait: number;
}

/** Keeps one day of samples per queue. */
const KEEP_MS = 24 * 3600 * 1000;

export function sampleOf(q: Queue, now = Date.now()): Sample {
  const waits = q.entries.map((e) => Math.max(0, (now - Date.parse(e.added)) / 1000));
  return { at: now, length: q.entries.length, avgWait: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : 0 };
}

/**
 * Queue length and waiting time over time, as ClearML's queues.get_queue_metrics reports them:
 * a sample at every change of a queue and on every metrics request, bucketed by interval
 * taking each bucket's largest waiting time and its length.
 */
export class QueueMetrics {
  private readonly samples = new Map<string, Sample[]>();

  record(q: Queue, now = Date.now()): void {
    const list = this.samples.get(q.id) ?? [];
    list.push(sampleOf(q, now));
    while (list.length && list[0].at < now - KEEP_MS) list.shift();
    this.samples.set(q.id, list);
  }

  series(queueId: string, fromMs: number, toMs: number, intervalSec: number): QueueSeries {
    const step = Math.max(1, intervalSec) * 1000;
    const buckets = new Map<number, Sample>();
    for (const s of this.samples.get(queueId) ?? []) {
      if (s.at < fromMs || s.at > toMs) continue;
      const b = Math.floor(s.at / step) * step;
      const cur = buckets.get(b);
      if (!cur || s.avgWait > cur.avgWait || (s.avgWait === cur.avgWait && s.length > cur.length)) buckets.set(b, s);
    }
    const keys = [...buckets.keys()].sort((a, b) => a - b);
    return {
      queue: queueId,
      dates: keys.map((k) => Math.floor(k / 1000)),
      avg_waiting_times: keys.map((k) => round(buckets.get(k)!.avgWait)),
      queue_lengths: keys.map((k) => buckets.get(k)!.length),
    };
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

  forget(queueId: string): void {
    this.samples.delete(queueId);
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
