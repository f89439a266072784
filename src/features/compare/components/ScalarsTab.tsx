import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { preloadCharts } from '../../../components/chart/EChart';
import { ChartCardPlaceholder, MetricGrid } from '../../../components/chart/MetricGrid';
import { chartable, colorFor, dashFor, type SeriesData, type SeriesStyle } from '../../../components/chart/scalar-chart';
import { ScalarChartCard } from '../../../components/chart/ScalarChartCard';
import { ScalarControls, type ScalarSettings } from '../../../components/chart/ScalarControls';
import type { Task } from '../../../shared/entities';
import { useCompareMetrics, useMultiScalars } from '../api/queries';

/** A metric's chart: every task's variants overlaid, a colour per task and a line type per variant. */
function MetricChart({ tasks, metric, settings }: { tasks: Task[]; metric: string; settings: ScalarSettings }) {
  const ids = useMemo(() => tasks.map((t) => t.id), [tasks]);
  const data = useMultiScalars(ids, metric, settings.xMode === 'iter' ? 'iter' : 'timestamp');
  const chart = useMemo(() => {
    const series: SeriesData[] = [];
    const styles: SeriesStyle[] = [];
    const variants = data.data ?? {};
    const names = Object.keys(variants).sort();
    tasks.forEach((t, ti) => {
      names.forEach((v, vi) => {
        const s = variants[v][t.id];
        if (!s) return;
        const c = chartable({ name: names.length > 1 ? `${t.name} · ${v}` : t.name, x: s.x, y: s.y });
        if (!c.x.length) return;
        series.push(c);
        styles.push({ color: colorFor(ti), dash: dashFor(vi) });
      });
    });
    return { series, styles };
  }, [data.data, tasks]);
  if (data.isPending || data.isError) return <ChartCardPlaceholder metric={metric} error={data.error} />;
  return (
    <ScalarChartCard
      title={metric}
      series={chart.series}
      styles={chart.styles}
      xMode={settings.xMode}
      smoothing={settings.smoothing}
      logY={settings.logY}
    />
  );
}

/** One chart per metric, each loaded when it scrolls into view; machine metrics apart. */
export function CompareScalarsTab({ tasks }: { tasks: Task[] }) {
  const [settings, setSettings] = useState<ScalarSettings>({ xMode: 'iter', smoothing: 0, logY: false, filter: '' });
  const metrics = useCompareMetrics(tasks.map((t) => t.id));
  useEffect(preloadCharts, []);
  if (metrics.isPending) return <CircularProgress aria-label="loading scalars" />;
  if (!metrics.data?.length)
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        None of these tasks reported scalars.
      </Typography>
    );
  const needle = settings.filter.toLowerCase();
  const shown = metrics.data.filter((m) => !needle || m.toLowerCase().includes(needle));
  return (
    <Box>
      <ScalarControls value={settings} onChange={setSettings} />
      <MetricGrid metrics={shown} minWidth={520} card={(m) => <MetricChart tasks={tasks} metric={m} settings={settings} />} />
    </Box>
  );
}
