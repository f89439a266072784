import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { MetricPick } from '../../../components/MetricPick';
import { PlotView } from '../../../components/chart/PlotView';
import type { Task } from '../../../shared/api/records';
import { useComparePlots, type PlotEvent } from '../api/queries';

/** Each metric/variant's latest plot, one column per task. */
export function ComparePlotsTab({ tasks }: { tasks: Task[] }) {
  const plots = useComparePlots(tasks.map((t) => t.id));
  const keys = useMemo(() => [...new Set((plots.data ?? []).map((p) => `${p.metric}\u0000${p.variant}`))].sort(), [plots.data]);
  const metrics = useMemo(() => [...new Set(keys.map((k) => k.split('\u0000')[0]))], [keys]);
  const [only, setOnly] = useState('');
  if (plots.isPending) return <CircularProgress aria-label="loading plots" />;
  if (!keys.length)
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        None of these tasks reported plots.
      </Typography>
    );
  const find = (task: string, key: string): PlotEvent | undefined =>
    plots.data?.find((p) => p.task === task && `${p.metric}\u0000${p.variant}` === key);
  const shown = metrics.includes(only) ? keys.filter((k) => k.split('\u0000')[0] === only) : keys;
  return (
    <Box>
      <MetricPick metrics={metrics} value={only} onChange={setOnly} sx={{ mb: 2 }} />
      {shown.map((key) => {
        const [metric, variant] = key.split('\u0000');
        return (
          <Box key={key} component="section" aria-label={`plots ${metric} / ${variant}`} sx={{ mb: 3 }}>
            <Typography variant="overline" component="h3" color="text.secondary">
              {metric} / {variant}
            </Typography>
            <Box
              sx={{
                display: 'grid',
                gridTemplateColumns: `repeat(${tasks.length}, minmax(360px, 1fr))`,
                gap: 2,
                overflowX: 'auto',
              }}
            >
              {tasks.map((t) => {
                const p = find(t.id, key);
                return p ? (
                  <PlotView key={t.id} title={t.name} plotStr={p.plot_str ?? ''} iter={p.iter} />
                ) : (
                  <Box key={t.id} sx={{ color: 'text.secondary', p: 2 }}>
                    {t.name}: no such plot
                  </Box>
                );
              })}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
