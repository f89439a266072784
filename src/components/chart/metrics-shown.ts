/**
 * Which metrics a scalars view charts: every one but those hidden, or, once most are hidden, only those shown. The
 * shorter list is the one kept (a link holds it), so hiding all of many metrics is a short list, not a long one.
 */
export type MetricsShown = { hide: string[] } | { only: string[] };

export const ALL_METRICS: MetricsShown = { hide: [] };

export function isShown(v: MetricsShown, metric: string): boolean {
  return 'only' in v ? v.only.includes(metric) : !v.hide.includes(metric);
}

/** The metrics of `metrics` hidden by `v`. */
export function hiddenOf(v: MetricsShown, metrics: string[]): Set<string> {
  return new Set(metrics.filter((m) => !isShown(v, m)));
}

/**
 * `hidden` of `metrics` as the shorter list: the hidden ones while they are at most half, else the shown ones. Hidden
 * names that are not among `metrics` (another task's, in a link) stay hidden while the list is of hidden ones.
 */
export function shownFrom(metrics: string[], hidden: Set<string>): MetricsShown {
  const shown = metrics.filter((m) => !hidden.has(m));
  return hidden.size > metrics.length / 2 ? { only: shown } : { hide: [...hidden] };
}
