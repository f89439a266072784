import { QueryClient } from '@tanstack/react-query';
import { expect, it } from 'vitest';
import type { ApiClient } from '../../../client';
import { DEFAULT_SCALAR_SETTINGS } from '../../../components/chart/ScalarControls';
import type { ScalarView } from '../../../components/chart/scalar-view-search';
import { FIRST_SAMPLES, metricScalarsQuery, scalarMetricsQuery } from './queries';
import { prefetchScalars } from './scalars-prefetch';

const variants = (...names: string[]) => Object.fromEntries(names.map((name) => [name, { name, count: 10 }]));
const METRICS = {
  'metric 02': variants('v0', 'v1'),
  'metric 00': variants('v0', 'v1'),
  ':monitor:gpu': variants('gpu_0'),
  'metric 01': variants('v0', 'v1'),
  empty: { v0: { name: 'v0', count: 0 } },
  Summary: variants('accuracy'),
};

/** A client that answers the metric list and the single values, and records every call. */
function fakeClient(singles: { metric: string; variant: string; value: number }[] = []) {
  const calls: { endpoint: string; body: Record<string, unknown> }[] = [];
  const client = {
    call: async (endpoint: string, body: Record<string, unknown>) => {
      calls.push({ endpoint, body });
      if (endpoint === 'events.get_scalar_metrics_and_variants') return { metrics: METRICS };
      if (endpoint === 'events.get_task_single_value_metrics') return { tasks: [{ task: 't', values: singles }] };
      return {};
    },
  } as unknown as ApiClient;
  return { client, calls };
}

const view: ScalarView = { ...DEFAULT_SCALAR_SETTINGS, chartLog: {} };
const histograms = (calls: { endpoint: string; body: Record<string, unknown> }[]) =>
  calls
    .filter((c) => c.endpoint === 'events.scalar_metrics_iter_histogram')
    .map((c) => `${(c.body.metrics as { metric: string }[])[0].metric} ${c.body.key}`);

it('fetches the metric list, then the first charts on screen in the tab order (no machine or empty metric)', async () => {
  const qc = new QueryClient();
  const { client, calls } = fakeClient([{ metric: 'Summary', variant: 'accuracy', value: 1 }]);
  await prefetchScalars(qc, client, 't', view, 2);
  expect(histograms(calls)).toEqual(['metric 00 iter', 'metric 01 iter']);
  // At the first drawing's resolution, as the cards ask for it first.
  for (const c of calls.filter((c) => c.endpoint === 'events.scalar_metrics_iter_histogram'))
    expect(c.body.samples).toBe(FIRST_SAMPLES);
  // The tab's own queries find them (the same keys).
  expect(qc.getQueryData(scalarMetricsQuery(client, 't').queryKey)).toEqual(METRICS);
  expect(qc.getQueryState(metricScalarsQuery(client, 't', 'metric 00', 'iter', FIRST_SAMPLES).queryKey)).toBeDefined();
});

it('charts a Summary of ordinary points, follows the filter, the grouping and the x axis', async () => {
  const qc = new QueryClient();
  const { client, calls } = fakeClient();
  await prefetchScalars(qc, client, 't', { ...view, group: 'variant', filter: 'v1', xMode: 'wall' }, 4);
  // Grouped by variant, four charts are two metrics' (each asked once), on the timestamp axis.
  expect(histograms(calls)).toEqual(['metric 00 timestamp', 'metric 01 timestamp']);
  const more = fakeClient();
  await prefetchScalars(new QueryClient(), more.client, 't', view, 10);
  expect(histograms(more.calls)).toEqual(['metric 00 iter', 'metric 01 iter', 'metric 02 iter', 'Summary iter']);
});

it('asks only for the metric list without a number of charts, and nothing twice', async () => {
  const qc = new QueryClient();
  const { client, calls } = fakeClient();
  await prefetchScalars(qc, client, 't', view);
  await prefetchScalars(qc, client, 't', view, 1);
  await prefetchScalars(qc, client, 't', view, 1);
  expect(calls.map((c) => c.endpoint)).toEqual([
    'events.get_scalar_metrics_and_variants',
    // The task has a Summary metric: whether it is charted depends on them.
    'events.get_task_single_value_metrics',
    'events.scalar_metrics_iter_histogram',
  ]);
});
