import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { chartable, colorFor, type SeriesData } from '../../../components/chart/scalar-chart';
import { ScalarChartCard } from '../../../components/chart/ScalarChartCard';
import { ScalarControls, type ScalarSettings } from '../../../components/chart/ScalarControls';
import type { Task } from '../../../shared/entities';
import { useMultiScalars } from '../api/queries';

/** One chart per metric, every task's variants overlaid, a colour per task. */
export function CompareScalarsTab({ tasks }: { tasks: Task[] }) {
  const [settings, setSettings] = useState<ScalarSettings>({ xMode: 'iter', smoothing: 0, logY: false, filter: '' });
  const ids = tasks.map((t) => t.id);
  const data = useMultiScalars(ids, settings.xMode === 'iter' ? 'iter' : 'timestamp');
  const charts = useMemo(() => {
    const out: { metric: string; series: SeriesData[]; colors: string[] }[] = [];
    for (const [metric, variants] of Object.entries(data.data ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const series: SeriesData[] = [];
      const colors: string[] = [];
      const variantNames = Object.keys(variants).sort();
      tasks.forEach((t, ti) => {
        for (const v of variantNames) {
          const s = variants[v][t.id];
          if (!s) continue;
          const c = chartable({ name: variantNames.length > 1 ? `${t.name} · ${v}` : t.name, x: s.x, y: s.y });
          if (!c.x.length) continue;
          series.push(c);
          colors.push(colorFor(ti));
        }
      });
      if (series.length) out.push({ metric, series, colors });
    }
    return out;
  }, [data.data, tasks]);
  if (data.isPending) return <CircularProgress aria-label="loading scalars" />;
  if (!charts.length) return <Typography color="text.secondary" sx={{ p: 2 }}>None of these tasks reported scalars.</Typography>;
  const needle = settings.filter.toLowerCase();
  return (
    <Box>
      <ScalarControls value={settings} onChange={setSettings} />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(520px, 1fr))', gap: 2 }}>
        {charts
          .filter((c) => !needle || c.metric.toLowerCase().includes(needle))
          .map((c) => (
            <ScalarChartCard key={c.metric} title={c.metric} series={c.series} colors={c.colors} xMode={settings.xMode} smoothing={settings.smoothing} logY={settings.logY} />
          ))}
      </Box>
    </Box>
  );
}
