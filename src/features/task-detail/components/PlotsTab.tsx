import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Task } from '../../../shared/api/records';
import { useApiClient } from '../../../client/react';
import { usePlots, type PlotEvent } from '../api/queries';
import { EmptyState } from './EmptyState';
import { CardGrid } from '../../../components/chart/CardGrid';
import { PlotView } from '../../../components/chart/PlotView';

/** The iterations that have plots, newest first (from the last 100 iterations' plots). */
function usePlotIterations(task: Task) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['plot-iterations', task.id, task.last_iteration],
    queryFn: async () => {
      const r = await client.call('events.get_task_plots', { task: task.id, iters: 100 });
      return [...new Set(r.plots.map((p) => p.iter))].sort((a, b) => b - a);
    },
  });
}

export function PlotsTab({ task }: { task: Task }) {
  const [iter, setIter] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const plots = usePlots(task, iter);
  const iterations = usePlotIterations(task);
  const byMetric = useMemo(() => {
    const m = new Map<string, PlotEvent[]>();
    for (const p of plots.data ?? []) m.set(p.metric, [...(m.get(p.metric) ?? []), p]);
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [plots.data]);

  if (plots.isPending) return <CircularProgress aria-label="loading plots" />;
  if (plots.isError) return <EmptyState title="Could not load the plots" hint={plots.error.message} />;
  if (!plots.data.length && iter === null)
    return (
      <EmptyState
        title="No plots were reported"
        hint="Plots, histograms, confusion matrices and tables the task reports appear here."
      />
    );
  const needle = filter.toLowerCase();
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 2, mb: 2, alignItems: 'center' }}>
        <TextField size="small" label="Filter plots" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <FormControl size="small" sx={{ minWidth: 180 }}>
          <InputLabel id="plot-iter-label">Iteration</InputLabel>
          <Select
            labelId="plot-iter-label"
            label="Iteration"
            value={iter === null ? 'latest' : String(iter)}
            onChange={(e) => setIter(e.target.value === 'latest' ? null : Number(e.target.value))}
          >
            <MenuItem value="latest">Latest of each plot</MenuItem>
            {(iterations.data ?? []).map((i) => (
              <MenuItem key={i} value={String(i)}>
                {i}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Box>
      {byMetric
        .filter(([metric]) => !needle || metric.toLowerCase().includes(needle))
        .map(([metric, events]) => (
          <Box key={metric} component="section" aria-label={`plots ${metric}`} sx={{ mb: 3 }}>
            <Typography variant="overline" component="h3" color="text.secondary">
              {metric}
            </Typography>
            <CardGrid minWidth={480}>
              {events
                .sort((a, b) => b.iter - a.iter || a.variant.localeCompare(b.variant))
                .map((p) => (
                  <PlotView
                    key={`${p.variant}/${p.iter}`}
                    title={`${metric} / ${p.variant}`}
                    plotStr={p.plot_str ?? ''}
                    iter={p.iter}
                  />
                ))}
            </CardGrid>
          </Box>
        ))}
    </Box>
  );
}
