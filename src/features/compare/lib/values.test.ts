import { expect, it } from 'vitest';
import type { LastMetricsEvent, Task } from '../../../shared/api/records';
import { valueRows } from './values';

const ev = (metric: string, variant: string, value: number, min: number, max: number): LastMetricsEvent => ({
  metric,
  variant,
  value,
  min_value: min,
  max_value: max,
  iter: 1,
  timestamp: 0,
});
const task = (id: string, events: LastMetricsEvent[]) =>
  ({ id, name: id, last_metrics: { h: Object.fromEntries(events.map((e, i) => [`v${i}`, e])) } }) as unknown as Task;

const a = task('a', [ev('loss', 'train', 0.5, 0.4, 2), ev('acc', 'val', 0.8, 0.1, 0.9), ev(':monitor:gpu', 'util', 50, 0, 99)]);
const b = task('b', [ev('loss', 'train', 0.25, 0.2, 3)]);

it('lists last, min and max per task per metric variant, by metric then in the compared order', () => {
  const rows = valueRows([b, a], (m) => !m.startsWith(':monitor:'));
  expect(rows.map((r) => [r.metric, r.variant, r.task.id, r.last, r.min, r.max])).toEqual([
    ['acc', 'val', 'a', 0.8, 0.1, 0.9],
    ['loss', 'train', 'b', 0.25, 0.2, 3],
    ['loss', 'train', 'a', 0.5, 0.4, 2],
  ]);
  expect(rows.every((r) => r.diff === undefined)).toBe(true);
});

it('with a baseline, gives each last value minus the baseline’s, absolute and in percent', () => {
  const rows = valueRows([a, b], () => true, 'a');
  const loss = rows.filter((r) => r.metric === 'loss');
  expect(loss.map((r) => [r.task.id, r.diff, r.diffPct])).toEqual([
    ['a', 0, 0],
    ['b', -0.25, -50],
  ]);
  // b has no acc: only the baseline's own row has a diff there.
  expect(rows.filter((r) => r.metric === 'acc').map((r) => r.diff)).toEqual([0]);
});
