import { describe, expect, it } from 'vitest';
import { snapshotOption, snapshotPoints, type SnapshotTask } from './metric-snapshot';

const SERIES = { metric_hash: 'm1', variant_hash: 'v1' };
const task = (id: string, fields: Partial<SnapshotTask>): SnapshotTask => ({ id, name: id, status: 'completed', ...fields });

describe('snapshotPoints', () => {
  it('places each task holding the value at its end (else its last change), and leaves out the rest', () => {
    const tasks = [
      task('ended', {
        completed: '2026-01-02T00:00:00Z',
        last_update: '2026-01-03T00:00:00Z',
        last_metrics: { m1: { v1: { value: 0.5, min_value: 0.1, max_value: 2 } } },
      }),
      task('running', { status: 'in_progress', last_update: '2026-01-04T00:00:00Z', last_metrics: { m1: { v1: { value: 3 } } } }),
      task('other series', { last_update: '2026-01-04T00:00:00Z', last_metrics: { m1: { v2: { value: 1 } } } }),
      task('no metrics', { last_update: '2026-01-04T00:00:00Z' }),
      task('no time', { last_metrics: { m1: { v1: { value: 1 } } } }),
    ];
    expect(snapshotPoints(tasks, SERIES, 'value')).toEqual([
      { id: 'ended', project: null, name: 'ended', status: 'completed', at: Date.UTC(2026, 0, 2), value: 0.5 },
      { id: 'running', project: null, name: 'running', status: 'in_progress', at: Date.UTC(2026, 0, 4), value: 3 },
    ]);
    expect(snapshotPoints(tasks, SERIES, 'min_value').map((p) => [p.id, p.value])).toEqual([['ended', 0.1]]);
    expect(snapshotPoints(tasks, SERIES, 'max_value').map((p) => [p.id, p.value])).toEqual([['ended', 2]]);
  });
});

describe('snapshotOption', () => {
  const points = [
    { id: 'a', project: 'p', name: '<img src=x onerror=alert(1)>', status: 'failed' as const, at: 1, value: 2 },
    { id: 'b', project: null, name: 'b', status: 'completed' as const, at: 3, value: 4 },
  ];
  const option = snapshotOption(points, 'loss / train', { completed: 'green' }) as {
    series: { name: string; data: unknown[][]; itemStyle?: { color: string } }[];
    tooltip: { formatter: (p: { value: unknown[] }) => string };
  };

  it('draws a series per status, each point carrying its task and project', () => {
    expect(option.series.map((s) => [s.name, s.data, s.itemStyle?.color])).toEqual([
      ['Completed', [[3, 4, 'b', 'b', null]], 'green'],
      ['Failed', [[1, 2, 'a', '<img src=x onerror=alert(1)>', 'p']], undefined],
    ]);
  });

  it('writes a task name into the tooltip as text', () => {
    const html = option.tooltip.formatter({ value: option.series[1].data[0] });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});
