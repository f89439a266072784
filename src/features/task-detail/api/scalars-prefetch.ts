import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../client';
import { useCallback } from 'react';
import { useApiClient } from '../../../client/react';
import { CHART_CARD_HEIGHT, isMachineMetric } from '../../../components/chart/MetricGrid';
import type { ScalarView } from '../../../components/chart/scalar-view-search';
import { SINGLE_VALUE_METRIC } from '../../../shared/single-values';
import { chartedScalars, chartSlots } from '../lib/scalar-slots';
import { FIRST_SAMPLES, metricScalarsQuery, scalarMetricsQuery, singleValuesQuery } from './queries';

/** The narrowest a Scalars tab chart card gets (the grid fits as many columns as it can). */
export const SCALAR_CARD_MIN_WIDTH = 480;
/** The gap between cards (theme spacing 2). */
const GAP = 16;

/** About how many chart cards fit on screen below `el` (the tab bar), as wide as it is. */
export function chartsInView(el: Element | null): number {
  const width = el?.clientWidth || window.innerWidth;
  const top = el ? Math.max(0, el.getBoundingClientRect().bottom) : 0;
  const cols = Math.max(1, Math.floor((width + GAP) / (SCALAR_CARD_MIN_WIDTH + GAP)));
  const rows = Math.max(1, Math.ceil((window.innerHeight - top) / (CHART_CARD_HEIGHT + GAP)));
  return cols * rows;
}

/**
 * Starts what the Scalars tab shows first: the metric list (cheap), then the points of the first `charts` charts
 * (those on screen, at their first drawing's resolution), so that they are on their way before the tab has even rendered. The tab's own queries find
 * them in flight or fresh. Without `charts` only the metric list is fetched. Resolves once every request started.
 */
export async function prefetchScalars(
  qc: QueryClient,
  client: ApiClient,
  taskId: string,
  view: Pick<ScalarView, 'group' | 'filter' | 'xMode'>,
  charts = 0,
): Promise<void> {
  const metrics = await qc.ensureQueryData(scalarMetricsQuery(client, taskId));
  if (!charts) return;
  // Single values only decide whether Summary is charted (and the tab asks for them then anyway).
  const singles =
    SINGLE_VALUE_METRIC in metrics ? (await qc.ensureQueryData(singleValuesQuery(client, taskId))).map((v) => v.metric) : [];
  const slots = chartSlots(chartedScalars(metrics, singles), view.group, view.filter).filter((s) => !isMachineMetric(s.metric));
  const key = view.xMode === 'iter' ? 'iter' : 'timestamp';
  for (const metric of new Set(slots.slice(0, charts).map((s) => s.metric)))
    void qc.prefetchQuery(metricScalarsQuery(client, taskId, metric, key, FIRST_SAMPLES));
}

/** prefetchScalars with the page's query client and API client; errors are left to the tab's own queries. */
export function usePrefetchScalars(): (taskId: string, view: ScalarView, charts?: number) => void {
  const qc = useQueryClient();
  const client = useApiClient();
  return useCallback(
    (taskId, view, charts) => void prefetchScalars(qc, client, taskId, view, charts).catch(() => {}),
    [qc, client],
  );
}
