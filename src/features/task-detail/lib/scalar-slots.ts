import type { MetricList } from '../../../shared/api/results';
import { chartedMetrics } from '../../../shared/single-values';

/** A chart's place in the grid: a metric, or one variant of it when grouping by variant. */
export interface ChartSlot {
  key: string;
  metric: string;
  variant?: string;
}

/** The metrics drawn as charts (those with points, Summary apart when it holds single values), in the tab's order. */
export function chartedScalars(
  metrics: MetricList | undefined,
  singleValueMetrics: string[],
): { metric: string; variants: string[] }[] {
  const byMetric = new Map(
    Object.entries(metrics ?? {}).map(([metric, variants]) => [
      metric,
      Object.values(variants)
        .filter((v) => v.count > 0)
        .map((v) => v.name),
    ]),
  );
  const withPoints = [...byMetric].filter(([, variants]) => variants.length > 0).map(([metric]) => metric);
  return chartedMetrics(withPoints, singleValueMetrics).map((metric) => ({ metric, variants: byMetric.get(metric) ?? [] }));
}

/** The charts shown, in order: a metric's or a variant's, those matching the filter (a metric or variant name part). */
export function chartSlots(
  charts: { metric: string; variants: string[] }[],
  group: 'metric' | 'variant',
  filter: string,
): ChartSlot[] {
  const needle = filter.toLowerCase();
  const shown = charts.filter(
    (c) => !needle || c.metric.toLowerCase().includes(needle) || c.variants.some((v) => v.toLowerCase().includes(needle)),
  );
  const slots = new Map<string, ChartSlot>();
  for (const c of shown) {
    if (group === 'metric') slots.set(c.metric, { key: c.metric, metric: c.metric });
    else
      for (const v of [...c.variants].sort()) {
        const k = `${c.metric} / ${v}`;
        if (!slots.has(k)) slots.set(k, { key: k, metric: c.metric, variant: v });
      }
  }
  return [...slots.values()];
}
