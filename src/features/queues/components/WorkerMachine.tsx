import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { EChart } from '../../../components/chart/EChart';
import { useWorkerMachine } from '../api/queries';

const RANGE_SEC = 3600;

/** How each statistic is drawn: its name, axis (0: percent, 1: gigabytes) and scale from the agent's unit. */
const SERIES: Record<string, { name: string; axis: 0 | 1; scale: number }> = {
  cpu_usage: { name: 'CPU usage', axis: 0, scale: 1 },
  gpu_usage: { name: 'GPU usage', axis: 0, scale: 1 },
  // The agent reports memory in MB.
  memory_used: { name: 'Memory used', axis: 1, scale: 1 / 1024 },
};

/** A worker's machine over the last hour, as its agent reported it: CPU and GPU usage, memory used. */
export function WorkerMachine({ worker }: { worker: string }) {
  const m = useWorkerMachine(worker, RANGE_SEC);
  const option = useMemo(() => {
    const now = Date.now();
    const metrics = (m.data ?? []).filter((s) => SERIES[s.metric]);
    return {
      grid: { left: 48, right: 56, top: 56, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(1) : '') },
      legend: { top: 0 },
      xAxis: { type: 'time', min: now - RANGE_SEC * 1000, max: now, splitNumber: 6, axisLabel: { hideOverlap: true } },
      yAxis: [
        { type: 'value', name: '%', min: 0, max: 100 },
        { type: 'value', name: 'GB', min: 0, splitLine: { show: false } },
      ],
      series: metrics.map((s) => {
        const how = SERIES[s.metric];
        const values = s.stats[0]?.values ?? [];
        return {
          name: how.name,
          type: 'line',
          yAxisIndex: how.axis,
          showSymbol: s.dates.length < 30,
          data: s.dates.map((d, i) => [d * 1000, values[i] * how.scale]),
        };
      }),
    };
  }, [m.data]);
  return (
    <Paper variant="outlined" sx={{ p: 1 }}>
      <Typography variant="subtitle2" component="h2" sx={{ px: 1, fontWeight: 600, overflowWrap: 'anywhere' }}>
        Machine of {worker}, last hour
      </Typography>
      {m.isError ? (
        <Box sx={{ p: 2, color: 'text.secondary' }}>No statistics to show: {m.error.message}</Box>
      ) : m.data && m.data.length === 0 ? (
        <Box sx={{ p: 2, color: 'text.secondary' }}>Its agent has reported no machine statistics in the last hour.</Box>
      ) : (
        <EChart option={option} height={216} aria-label={`machine of ${worker}`} />
      )}
    </Paper>
  );
}
