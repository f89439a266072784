/**
 * events.get_task_latest_scalar_values reads each series once, by its id: it listed every series of the task again
 * for each series (5,000 series held a reader thread for 54 s in the fourth QA pass). Its answer: per metric and
 * variant the last value and the mean of the last 100 points, by iteration.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Store } from '../store/store';
import { makeTask, openTestStore } from '../store/testing/test-store';
import { latestScalarValues } from './task-events';

let store: Store;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ store, remove } = await openTestStore());
  await store.tasks.insert(makeTask({ id: 'lv1' }));
  const points = [];
  for (let m = 0; m < 4; m++) {
    for (let v = 0; v < 5; v++) {
      // Stored out of order: iterations 149 down to 0, value = metric * 1000 + variant * 100 + iter.
      for (let iter = 149; iter >= 0; iter--) {
        points.push({
          task: 'lv1',
          metric: `m${m}`,
          variant: `v${v}`,
          iter,
          value: m * 1000 + v * 100 + iter,
          timestamp: 1000 + iter,
        });
      }
    }
  }
  await store.events.addScalars(points);
});
afterAll(() => remove?.());

it('lists the series once and reads each by its id', async () => {
  const listed = vi.spyOn(store.events, 'listSeries');
  const read = vi.spyOn(store.events, 'readChunks');
  const answer = await latestScalarValues(store, { task: 'lv1' } as never);
  expect(listed).toHaveBeenCalledTimes(1);
  expect(read).toHaveBeenCalledTimes(20);
  listed.mockRestore();
  read.mockRestore();

  expect(answer.metrics.map((m) => m.name)).toEqual(['m0', 'm1', 'm2', 'm3']);
  for (const m of answer.metrics) {
    const k = Number(m.name.slice(1));
    expect(m.variants.map((v) => v.name)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    for (const v of m.variants) {
      const base = k * 1000 + Number(v.name.slice(1)) * 100;
      // The last iteration is 149; the last 100 are 50..149, whose mean is 99.5.
      expect(v.last_value).toBe(base + 149);
      expect(v.last_100_value).toBeCloseTo(base + 99.5, 9);
    }
  }
  expect(answer.last_timestamp).toBe(1149);
});
