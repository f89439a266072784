import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import type { Task } from '../../../shared/api/records';
import { SINGLE_VALUE_METRIC } from '../../../shared/single-values';
import { useMetricRangeFetcher, useMetricScalars, useScalarMetrics, useSingleValues, type ScalarKey } from '../api/queries';
import { formatValue } from '../lib/format';
import { MetricSummary } from './MetricSummary';
import { chartedScalars, chartSlots, type ChartSlot } from '../lib/scalar-slots';
import { SCALAR_CARD_MIN_WIDTH } from '../api/scalars-prefetch';
import { chartable } from '../../../components/chart/scalar-chart';
import { ChartCardPlaceholder, MetricGrid } from '../../../components/chart/MetricGrid';
import { preloadCharts } from '../../../components/chart/EChart';
import { afterPaint, DrawTurns } from '../../../components/chart/draw-turns';
import { EmptyState } from './EmptyState';
import { ScalarChartCard } from '../../../components/chart/ScalarChartCard';
import { ScalarControls } from '../../../components/chart/ScalarControls';
import { isShown } from '../../../components/chart/metrics-shown';
import type { ScalarView } from '../../../components/chart/scalar-view-search';
import { useScalarViewUrl } from '../../../components/chart/use-scalar-view-url';
import { Section } from './Section';
import TableContainer from '@mui/material/TableContainer';

/** One chart; rendered once its card scrolls into view, when it fetches its points. */
function MetricChart({
  task,
  slot,
  settings,
  onOwnLog,
  turns,
}: {
  task: Task;
  slot: ChartSlot;
  settings: ScalarView;
  onOwnLog: (title: string, on: boolean) => void;
  turns: DrawTurns;
}) {
  const key: ScalarKey = settings.xMode === 'iter' ? 'iter' : 'timestamp';
  // Once its first drawing (of fewer points) is on screen, the chart asks for its points at full resolution.
  const [drawn, setDrawn] = useState(false);
  const q = useMetricScalars(task, slot.metric, key, drawn);
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
  // The first drawing waits for its turn, so the chart whose data came first is on screen before the next one draws
  // (charts whose data arrive together would otherwise all draw before any is painted); later ones draw at once.
  const [turn, setTurn] = useState(false);
  const ready = !q.isPending && !q.isError;
  useEffect(() => {
    if (!ready || turn) return;
    let granted = false;
    const cancel = turns.request(slot.key, () => {
      granted = true;
      setTurn(true);
    });
    // Once granted, the turn is handed on after the chart is painted (below), not when this effect re-runs for it.
    return () => void (granted || cancel());
  }, [ready, turn, turns, slot.key]);
  useEffect(() => {
    if (!turn) return;
    let gone = false;
    void afterPaint().then(() => {
      if (gone) return;
      turns.done(slot.key);
      setDrawn(true);
    });
    return () => void (gone = true);
  }, [turn, turns, slot.key]);
  // A chart that goes away hands its turn on (no-op unless it holds it).
  useEffect(() => () => turns.done(slot.key), [turns, slot.key]);
  if (!ready || !turn) return <ChartCardPlaceholder metric={slot.key} error={q.error} />;
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
  // Single values are reported as the metric Summary: without it there are none to ask for (the server reads every
  // series of the task for them, and the first chart's points waited behind that).
  const hasSummary = !!metrics.data && SINGLE_VALUE_METRIC in metrics.data;
  const singles = useSingleValues(task, hasSummary);
  const [turns] = useState(() => new DrawTurns());
  useEffect(preloadCharts, []);

  const charts = useMemo(
    () =>
      chartedScalars(
        metrics.data,
        (singles.data ?? []).map((v) => v.metric),
      ),
    [metrics.data, singles.data],
  );

  // Single values decide only whether "Summary" is charted: other charts need not wait for them.
  if (metrics.isPending || (hasSummary && singles.isPending)) return <CircularProgress aria-label="loading scalars" />;
  if (metrics.isError) return <EmptyState title="Could not load the scalars" hint={metrics.error.message} />;
  if (!charts.length && !singles.data?.length)
    return (
      <EmptyState title="No scalars were reported" hint="Metrics the task reports with report_scalar appear here as charts." />
    );

  const shown = charts.filter((c) => isShown(settings.shown, c.metric));
  const slots = new Map(chartSlots(shown, settings.group, settings.filter).map((s) => [s.key, s]));
  return (
    <Box>
      <ScalarControls
        value={settings}
        onChange={(v) => setSettings({ ...settings, ...v })}
        metrics={charts.map((c) => c.metric)}
      />
      {!!singles.data?.length && (
        <Section title="Single values">
          <TableContainer>
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
          </TableContainer>
        </Section>
      )}
      {!shown.length && charts.length > 0 && (
        <Typography color="text.secondary">Every metric is hidden: pick those to show under Metrics.</Typography>
      )}
      {!slots.size && shown.length > 0 && <Typography color="text.secondary">No metric matches “{settings.filter}”.</Typography>}
      <MetricGrid
        metrics={[...slots.keys()]}
        minWidth={SCALAR_CARD_MIN_WIDTH}
        card={(k) => <MetricChart task={task} slot={slots.get(k)!} settings={settings} onOwnLog={setOwnLog} turns={turns} />}
      />
      {/* Below the charts: above them it pushed the first charts out of a narrow panel's view (they draw when seen). */}
      <MetricSummary metrics={task.last_metrics} />
    </Box>
  );
}
