import type { MetricFold, ScalarSeriesBatch } from '../store/store';

/**
 * Folds one series' points of a batch (columns, in the order they came) into its summary: last by
 * iteration then timestamp, min, max and first, as a stored row folds them; `added` is the number of
 * points the store added for it and `total` what their values' total moved by.
 */
export function foldSeries(s: ScalarSeriesBatch, added: number, total: number): MetricFold {
  const { iters, times, values } = s;
  let last = 0;
  let min = 0;
  let max = 0;
  for (let i = 1; i < values.length; i++) {
    if (iters[i] > iters[last] || (iters[i] === iters[last] && times[i] >= times[last])) last = i;
    if (values[i] < values[min]) min = i;
    if (values[i] > values[max]) max = i;
  }
  return {
    metric: s.metric,
    variant: s.variant,
    value: values[last],
    iter: iters[last],
    timestamp: times[last],
    min_value: values[min],
    min_value_iteration: iters[min],
    max_value: values[max],
    max_value_iteration: iters[max],
    first_value: values[0],
    first_value_iteration: iters[0],
    added,
    total,
  };
}
