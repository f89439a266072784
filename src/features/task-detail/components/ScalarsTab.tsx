import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { Task } from '../../../shared/entities';
import { useScalars, useSingleValues } from '../api/queries';
import { formatValue } from '../lib/format';
import { chartable, type SeriesData } from '../../../components/chart/scalar-chart';
import { EmptyState } from './EmptyState';
import { ScalarChartCard } from '../../../components/chart/ScalarChartCard';
import { ScalarControls, type ScalarSettings } from '../../../components/chart/ScalarControls';
import { Section } from './Section';

const isMachine = (metric: string) => metric.startsWith(':monitor:');

export function ScalarsTab({ task }: { task: Task }) {
  const [settings, setSettings] = useState<ScalarSettings>({ xMode: 'iter', smoothing: 0, logY: false, filter: '' });
  const data = useScalars(task, settings.xMode === 'iter' ? 'iter' : 'timestamp');
  const singles = useSingleValues(task);

  const charts = useMemo(() => {
    const out: { metric: string; series: SeriesData[] }[] = [];
    for (const [metric, variants] of Object.entries(data.data ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const series = Object.values(variants).map(chartable).filter((s) => s.x.length > 0);
      if (series.length) out.push({ metric, series: series.sort((a, b) => a.name.localeCompare(b.name)) });
    }
    return out;
  }, [data.data]);

  if (data.isPending || singles.isPending) return <CircularProgress aria-label="loading scalars" />;
  if (data.isError) return <EmptyState title="Could not load the scalars" hint={data.error.message} />;
  if (!charts.length && !singles.data?.length) return <EmptyState title="No scalars were reported" hint="Metrics the task reports with report_scalar appear here as charts." />;

  const needle = settings.filter.toLowerCase();
  const shown = charts.filter((c) => !needle || c.metric.toLowerCase().includes(needle) || c.series.some((s) => s.name.toLowerCase().includes(needle)));
  const grid = (list: typeof charts) => (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(480px, 1fr))', gap: 2 }}>
      {list.map((c) => (
        <ScalarChartCard key={c.metric} title={c.metric} series={c.series} xMode={settings.xMode} smoothing={settings.smoothing} logY={settings.logY} />
      ))}
    </Box>
  );
  const training = shown.filter((c) => !isMachine(c.metric));
  const machine = shown.filter((c) => isMachine(c.metric));
  return (
    <Box>
      <ScalarControls value={settings} onChange={setSettings} />
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
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>{formatValue(v.value)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}
      {!shown.length && charts.length > 0 && <Typography color="text.secondary">No metric matches “{settings.filter}”.</Typography>}
      {grid(training)}
      {machine.length > 0 && (
        <Box sx={{ mt: 3 }}>
          <Typography variant="overline" component="h3" color="text.secondary">Machine</Typography>
          {grid(machine)}
        </Box>
      )}
    </Box>
  );
}
