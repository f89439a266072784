/**
 * The overview's metric snapshot: each task of the project holding a metric, at the time it last changed (or ended),
 * against the metric's last, lowest or highest value; a series per status. As ClearML's project overview draws it.
 */
import type { EChartsOption } from '../../components/chart/plotly';
import { nameTruncate } from '../../components/chart/axis-name';
import { escapeHtml } from '../../shared/html';
import { STATUS_LABELS, type TaskStatus } from '../../shared/task-state';

export const SNAPSHOT_VALUES = { value: 'Last', min_value: 'Lowest', max_value: 'Highest' } as const;
export type SnapshotValue = keyof typeof SNAPSHOT_VALUES;

/** What the snapshot reads of a task (`tasks.get_all_ex` with the metric's one field). */
export interface SnapshotTask {
  id: string;
  name: string;
  status: TaskStatus;
  project?: string | null;
  last_update?: string | null;
  completed?: string | null;
  last_metrics?: Record<string, Record<string, Partial<Record<SnapshotValue, number>>>>;
}

export interface SnapshotPoint {
  id: string;
  project: string | null;
  name: string;
  status: TaskStatus;
  /** Epoch ms. */
  at: number;
  value: number;
}

/** The tasks holding the value, as points (those without it, or without a time, left out). */
export function snapshotPoints(
  tasks: SnapshotTask[],
  series: { metric_hash: string; variant_hash: string },
  which: SnapshotValue,
): SnapshotPoint[] {
  const out: SnapshotPoint[] = [];
  for (const t of tasks) {
    const value = t.last_metrics?.[series.metric_hash]?.[series.variant_hash]?.[which];
    const at = Date.parse(t.completed ?? t.last_update ?? '');
    if (typeof value === 'number' && Number.isFinite(value) && Number.isFinite(at))
      out.push({ id: t.id, project: t.project ?? null, name: t.name, status: t.status, at, value });
  }
  return out;
}

/** A scatter with a series per status; each point carries its task's id and project (`value[2]`, `value[4]`) for a click to open it. */
export function snapshotOption(
  points: SnapshotPoint[],
  yName: string,
  colors: Partial<Record<TaskStatus, string>>,
): EChartsOption {
  const statuses = [...new Set(points.map((p) => p.status))].sort();
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: { value: [number, number, string, string, string | null] }) =>
        [p.value[3], `${yName}: ${p.value[1]}`, new Date(p.value[0]).toLocaleString()].map(escapeHtml).join('<br/>'),
    },
    legend: { top: 4 },
    grid: { left: 72, right: 24, top: 40, bottom: 40 },
    // Room on both ends, so that the first and last tasks are not drawn on the chart's edges.
    xAxis: { type: 'time', boundaryGap: ['4%', '4%'] },
    // The series' name comes from a script: cut to a length, as every chart's axis names are.
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 56, nameTruncate: nameTruncate('y'), scale: true },
    series: statuses.map((s) => ({
      name: STATUS_LABELS[s],
      type: 'scatter',
      symbolSize: 10,
      cursor: 'pointer',
      itemStyle: colors[s] ? { color: colors[s] } : undefined,
      data: points.filter((p) => p.status === s).map((p) => [p.at, p.value, p.id, p.name, p.project]),
    })),
  };
}
