import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useMemo, useState } from 'react';
import { EChart } from '../../../components/chart/EChart';
import { colorFor } from '../../../components/chart/scalar-chart';
import type { Task } from '../../../shared/api/records';
import { differingParams, metricChoices, paramChoices, parallelOption, scatterOption } from '../lib/hyperparam-charts';

/** Which parameter values gave which result: parallel coordinates and a scatter, a colour per task. */
export function HyperParamsTab({ tasks }: { tasks: Task[] }) {
  const params = useMemo(() => paramChoices(tasks), [tasks]);
  const differing = useMemo(() => differingParams(tasks), [tasks]);
  const metrics = useMemo(() => metricChoices(tasks), [tasks]);
  const [param, setParam] = useState<string | null>(null);
  const [metricKey, setMetricKey] = useState<string | null>(null);
  // The parallel chart's axes: the parameters that differ unless picked (as ClearML's parameter choice).
  const [picked, setPicked] = useState<string[] | null>(null);
  const axes = useMemo(() => (picked ? picked.filter((p) => params.includes(p)) : differing), [picked, params, differing]);
  const x = param && params.includes(param) ? param : params[0];
  const metric = metrics.find((m) => m.key === metricKey) ?? metrics[0];
  const colors = useMemo(() => tasks.map((_, i) => colorFor(i)), [tasks]);
  const paper = useTheme().palette.background.paper;
  const scatter = useMemo(() => (x && metric ? scatterOption(tasks, x, metric, colors) : null), [tasks, x, metric, colors]);
  const parallel = useMemo(
    () => (metric && axes.length ? parallelOption(tasks, axes, metric, colors, paper) : null),
    [tasks, axes, metric, colors, paper],
  );

  if (!params.length || !metrics.length) {
    return <Typography color="text.secondary">These tasks need hyperparameters and reported metrics to relate them.</Typography>;
  }
  return (
    <Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }}>
        <TextField
          select
          size="small"
          label="Metric (last value)"
          value={metric.key}
          onChange={(e) => setMetricKey(e.target.value)}
          sx={{ minWidth: 240 }}
        >
          {metrics.map((m) => (
            <MenuItem key={m.key} value={m.key}>
              {m.key}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Hyperparameter"
          value={x}
          onChange={(e) => setParam(e.target.value)}
          sx={{ minWidth: 240 }}
        >
          {params.map((p) => (
            <MenuItem key={p} value={p}>
              {p}
              {differing.includes(p) ? '' : ' (same in all)'}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Parallel axes"
          value={axes}
          onChange={(e) => setPicked(e.target.value as unknown as string[])}
          slotProps={{
            select: {
              multiple: true,
              displayEmpty: true,
              renderValue: (v) => `${(v as string[]).length} of ${params.length} parameters`,
            },
          }}
          sx={{ minWidth: 240 }}
        >
          {params.map((p) => (
            <MenuItem key={p} value={p}>
              <Checkbox size="small" checked={axes.includes(p)} sx={{ p: 0, mr: 1 }} />
              {p}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
        <Paper variant="outlined" sx={{ p: 1 }}>
          <Typography variant="subtitle2" sx={{ px: 1 }}>
            {picked ? 'Parameters picked' : 'Parameters that differ'} → {metric.key}
          </Typography>
          {parallel ? (
            <EChart option={parallel} height={340} aria-label="chart parallel coordinates" />
          ) : (
            <Typography color="text.secondary" sx={{ p: 2 }}>
              {picked ? 'Pick a parameter for the axes.' : 'All parameters are the same in these tasks.'}
            </Typography>
          )}
        </Paper>
        <Paper variant="outlined" sx={{ p: 1 }}>
          <Typography variant="subtitle2" sx={{ px: 1 }}>
            {x} against {metric.key}
          </Typography>
          {scatter && <EChart option={scatter} height={340} aria-label="chart parameter scatter" />}
        </Paper>
      </Box>
    </Box>
  );
}
