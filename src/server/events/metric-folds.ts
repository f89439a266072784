import type { MetricFold, ScalarPoint, SeriesAdded } from '../store/store';

const seriesKey = (owner: string, metric: string, variant: string) => `${owner}\u0000${metric}\u0000${variant}`;

/**
 * Folds scalar points into one summary per series (last by iteration then timestamp, min, max and
 * first, as a stored row folds them), with the number of points the store added for each.
 */
export function foldSeries(points: ScalarPoint[], added: SeriesAdded[]): Map<string, MetricFold[]> {
  const folds = new Map<string, MetricFold>();
  const owners = new Map<string, MetricFold[]>();
  for (const p of points) {
    const key = seriesKey(p.task, p.metric, p.variant);
    const cur = folds.get(key);
    if (!cur) {
      const f: MetricFold = {
        metric: p.metric,
        variant: p.variant,
        value: p.value,
        iter: p.iter,
        timestamp: p.timestamp,
        min_value: p.value,
        min_value_iteration: p.iter,
        max_value: p.value,
        max_value_iteration: p.iter,
        first_value: p.value,
        first_value_iteration: p.iter,
        added: 0,
      };
      folds.set(key, f);
      const list = owners.get(p.task);
      if (list) list.push(f);
      else owners.set(p.task, [f]);
      continue;
    }
    if (p.iter > cur.iter || (p.iter === cur.iter && p.timestamp >= cur.timestamp)) {
      cur.value = p.value;
      cur.iter = p.iter;
      cur.timestamp = p.timestamp;
    }
    if (p.value < cur.min_value) {
      cur.min_value = p.value;
      cur.min_value_iteration = p.iter;
    }
    if (p.value > cur.max_value) {
      cur.max_value = p.value;
      cur.max_value_iteration = p.iter;
    }
  }
  for (const a of added) {
    const f = folds.get(seriesKey(a.task, a.metric, a.variant));
    if (f) f.added += a.added;
  }
  return owners;
}
