import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo } from 'react';
import type { Task } from '../../../shared/api/records';
import { chartedMetrics, SINGLE_VALUE_METRIC } from '../../../shared/single-values';
import { useMetricRangeFetcher, useMetricScalars, useScalarMetrics, useSingleValues, type ScalarKey } from '../api/queries';
import { formatValue } from '../lib/format';
import { chartable } from '../../../components/chart/scalar-chart';
import { ChartCardPlaceholder, MetricGrid } from '../../../components/chart/MetricGrid';
import { preloadCharts } from '../../../components/chart/EChart';
import { EmptyState } from './EmptyState';
import { ScalarChartCard } from '../../../components/chart/ScalarChartCard';
import { ScalarControls } from '../../../components/chart/ScalarControls';
import type { ScalarView } from '../../../components/chart/scalar-view-search';
import { useScalarViewUrl } from '../../../components/chart/use-scalar-view-url';
import { Section } from './Section';

/** A chart's place in the grid: a metric, or one variant of it when grouping by variant. */
interface ChartSlot {
  key: string;
  metric: string;
  variant?: string;
}

/** One chart; rendered once its card scrolls into view, when it fetches its points. */
function MetricChart({
  task,
  slot,
  settings,
  onOwnLog,
}: {
  task: Task;
  slot: ChartSlot;
  settings: ScalarView;
  onOwnLog: (title: string, on: boolean) => void;
}) {
  const key: ScalarKey = settings.xMode === 'iter' ? 'iter' : 'timestamp';
  const q = useMetricScalars(task, slot.metric, key);
  const fetcher = useMetricRangeFetcher(task, slot.metric, key);
  const fetchRange = useMemo(
    () =>
      slot.variant === undefined
        ? fetcher
        : {
            key: [...fetcher.key, slot.variant],
            fetch: async (lo: number, hi: number) => (await fetcher.fetch(lo, hi)).filter((s) => s.name === slot.variant),
          },
    [fetcher, slot.variant],
  );
  const series = useMemo(
    () =>
      Object.values(q.data ?? {})
        .filter((s) => slot.variant === undefined || s.name === slot.variant)
        .map(chartable)
        .filter((s) => s.x.length > 0)
        .sort((a, b) => a.name.localeCompare(b.name)),
    [q.data, slot.variant],
  );
  if (q.isPending || q.isError) return <ChartCardPlaceholder metric={slot.key} error={q.error} />;
  return (
    <ScalarChartCard
      title={slot.key}
      series={series}
      xMode={settings.xMode}
      smoothing={settings.smoothing}
      smoothingType={settings.smoothingType}
      logY={settings.logY}
      ownLog={settings.chartLog[slot.key] ?? null}
      onOwnLog={(on) => onOwnLog(slot.key, on)}
      fetchRange={fetchRange}
    />
  );
}

/** The charts of a task's scalars; the view (grouping, smoothing, axis, log scales, filter) is the page's URL's. */
export function ScalarsTab({
  task,
  view,
  onView,
}: {
  task: Task;
  view: ScalarView;
  onView: (v: ScalarView, replace: boolean) => void;
}) {
  const [settings, toUrl] = useScalarViewUrl(view, onView);
  // The page's log switch resets each chart's own.
  const setSettings = (v: ScalarView) => toUrl(v.logY !== settings.logY ? { ...v, chartLog: {} } : v);
  const setOwnLog = (title: string, on: boolean) => setSettings({ ...settings, chartLog: { ...settings.chartLog, [title]: on } });
  const metrics = useScalarMetrics(task);
  const singles = useSingleValues(task);
  useEffect(preloadCharts, []);

  const charts = useMemo(() => {
    const byMetric = new Map(
      Object.entries(metrics.data ?? {}).map(([metric, variants]) => [
        metric,
        Object.values(variants)
          .filter((v) => v.count > 0)
          .map((v) => v.name),
      ]),
    );
    const withPoints = [...byMetric].filter(([, variants]) => variants.length > 0).map(([metric]) => metric);
    return chartedMetrics(
      withPoints,
      (singles.data ?? []).map((v) => v.metric),
    ).map((metric) => ({ metric, variants: byMetric.get(metric) ?? [] }));
  }, [metrics.data, singles.data]);

  // Single values decide only whether "Summary" is charted: other charts need not wait for them.
  const needsSingles = !metrics.data || SINGLE_VALUE_METRIC in metrics.data;
  if (metrics.isPending || (needsSingles && singles.isPending)) return <CircularProgress aria-label="loading scalars" />;
  if (metrics.isError) return <EmptyState title="Could not load the scalars" hint={metrics.error.message} />;
  if (!charts.length && !singles.data?.length)
    return (
      <EmptyState title="No scalars were reported" hint="Metrics the task reports with report_scalar appear here as charts." />
    );

  const needle = settings.filter.toLowerCase();
  const shown = charts.filter(
    (c) => !needle || c.metric.toLowerCase().includes(needle) || c.variants.some((v) => v.toLowerCase().includes(needle)),
  );
  const slots = new Map<string, ChartSlot>();
  for (const c of shown) {
    if (settings.group === 'metric') slots.set(c.metric, { key: c.metric, metric: c.metric });
    else
      for (const v of [...c.variants].sort()) {
        const k = `${c.metric} / ${v}`;
        if (!slots.has(k)) slots.set(k, { key: k, metric: c.metric, variant: v });
      }
  }
  return (
    <Box>
      <ScalarControls value={settings} onChange={(v) => setSettings({ ...settings, ...v })} />
      {!!singles.data?.length && (
        <Section title="Single values">
          <Table size="small" aria-label="single values">
            <TableHead>
              <TableRow>
                <TableCell>Metric</TableCell>
                <TableCell>Variant</TableCell>
                <TableCell align="right">Value</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {singles.data.map((v) => (
                <TableRow key={`${v.metric}/${v.variant}`}>
                  <TableCell>{v.metric}</TableCell>
                  <TableCell>{v.variant}</TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {formatValue(v.value)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}
      {!shown.length && charts.length > 0 && (
        <Typography color="text.secondary">No metric matches “{settings.filter}”.</Typography>
      )}
      <MetricGrid
        metrics={[...slots.keys()]}
        minWidth={480}
        card={(k) => <MetricChart task={task} slot={slots.get(k)!} settings={settings} onOwnLog={setOwnLog} />}
      />
    </Box>
  );
}
