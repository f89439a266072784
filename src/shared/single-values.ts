/** ClearML's single values (`report_single_value`): the metric "Summary" at a reserved iteration. */
export const SINGLE_VALUE_ITERATION = -2147483648;
export const SINGLE_VALUE_METRIC = 'Summary';

/**
 * The metrics to draw as charts: all but "Summary" when it holds single values (those have a table
 * of their own); a "Summary" reported at ordinary iterations is still charted.
 */
export function chartedMetrics(metrics: Iterable<string>, singleValueMetrics: Iterable<string>): string[] {
  const singles = new Set(singleValueMetrics);
  return [...new Set(metrics)].filter((m) => !(m === SINGLE_VALUE_METRIC && singles.has(m))).sort((a, b) => a.localeCompare(b));
}
