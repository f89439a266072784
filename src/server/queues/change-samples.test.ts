/** A queue changed in a loop stores at most one sample per second, and the last state of the burst is the one kept. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Queue } from '../../shared/api/records';
import type { QueueSample, Store } from '../store/store';
import { QueueMetrics } from './metrics';

let stored: QueueSample[];
let metrics: QueueMetrics;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
  stored = [];
  const store = { queueSamples: { add: async (s: QueueSample[]) => void stored.push(...s) } } as unknown as Store;
  metrics = new QueueMetrics(store);
});
afterEach(() => vi.useRealTimers());

const queue = (id: string, length: number) =>
  ({
    id,
    name: id,
    entries: Array.from({ length }, (_, i) => ({ task: `t${i}`, added: new Date().toISOString() })),
  }) as unknown as Queue;

it('stores the first change at once and the latest of a burst a second later, per queue', async () => {
  for (let i = 1; i <= 200; i++) {
    await metrics.recordChange(queue('q1', i));
    await metrics.recordChange(queue('q2', 100 + i));
    vi.advanceTimersByTime(1);
  }
  // 200 changes of each queue in 0.2 s: each queue's first change only, so far.
  expect(stored.map((s) => [s.queue, s.length])).toEqual([
    ['q1', 1],
    ['q2', 101],
  ]);
  await vi.advanceTimersByTimeAsync(1000);
  expect(stored.map((s) => [s.queue, s.length])).toEqual([
    ['q1', 1],
    ['q2', 101],
    ['q1', 200],
    ['q2', 300],
  ]);
  // A change long after the last sample is stored at once again.
  await vi.advanceTimersByTimeAsync(5000);
  await metrics.recordChange(queue('q1', 7));
  expect(stored.at(-1)).toMatchObject({ queue: 'q1', length: 7 });
  expect(stored).toHaveLength(5);
});
