import type { Task } from '../../../shared/api/records';

/** A task's last, lowest, highest and mean value of one metric variant, and how its last differs from the baseline's. */
export interface ValueRow {
  task: Task;
  metric: string;
  variant: string;
  last: number;
  min: number;
  max: number;
  /** The mean of the stored points (absent where they were stored before the server kept it). */
  mean?: number;
  /** last − the baseline task's last (absent without a baseline, or when the baseline lacks the variant). */
  diff?: number;
  /** diff relative to the baseline's last, in percent (absent when that is 0). */
  diffPct?: number;
}

/**
 * One row per task per metric variant, from the tasks' last_metrics (the server keeps last, min, max and
 * mean over every point, so no series is read), grouped by metric and variant, tasks in the compared order.
 */
export function valueRows(tasks: Task[], keep: (metric: string) => boolean, baseline?: string): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const task of tasks) {
    for (const variants of Object.values(task.last_metrics ?? {})) {
      for (const v of Object.values(variants)) {
        if (!keep(v.metric)) continue;
        rows.push({
          task,
          metric: v.metric,
          variant: v.variant,
          last: v.value,
          min: v.min_value,
          max: v.max_value,
          mean: v.mean_value,
        });
      }
    }
  }
  const base = new Map(rows.filter((r) => r.task.id === baseline).map((r) => [`${r.metric}\u0000${r.variant}`, r.last]));
  if (baseline)
    for (const r of rows) {
      const b = base.get(`${r.metric}\u0000${r.variant}`);
      if (b === undefined) continue;
      r.diff = r.last - b;
      if (b !== 0) r.diffPct = (r.diff / Math.abs(b)) * 100;
    }
  const order = new Map(tasks.map((t, i) => [t.id, i]));
  return rows.sort(
    (a, b) =>
      a.metric.localeCompare(b.metric) || a.variant.localeCompare(b.variant) || order.get(a.task.id)! - order.get(b.task.id)!,
  );
}

/** A number as a person reads it in a table: short, but exact enough (six significant digits). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
}
