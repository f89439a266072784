import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { EChart } from '../../../components/chart/EChart';
import { useWorkerActivity } from '../api/queries';

const RANGE_SEC = 24 * 3600;
const INTERVAL_SEC = 600;

/** How many workers reported, and how many of them ran a task, every 10 minutes of the last day. */
export function WorkerActivity() {
  const a = useWorkerActivity(RANGE_SEC, INTERVAL_SEC);
  const option = useMemo(() => {
    const now = Date.now();
    const d = a.data;
    const line = (name: string, s: { dates: number[]; counts: number[] }) => ({
      name,
      type: 'line',
      step: 'end',
      showSymbol: s.dates.length < 30,
      data: s.dates.map((t, i) => [t * 1000, s.counts[i]]),
    });
    return {
      grid: { left: 40, right: 24, top: 40, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'time', min: now - RANGE_SEC * 1000, max: now, splitNumber: 6, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: 'workers', minInterval: 1, min: 0 },
      series: d ? [line('Reporting', d.total), line('On a task', d.active)] : [],
    };
  }, [a.data]);
  return (
    <Paper variant="outlined" sx={{ p: 1 }}>
      <Typography variant="subtitle2" component="h2" sx={{ px: 1, fontWeight: 600 }}>
        Workers, last 24 hours
      </Typography>
      {a.isError ? (
        <Box sx={{ p: 2, color: 'text.secondary' }}>No activity to show: {a.error.message}</Box>
      ) : a.data && a.data.total.dates.length === 0 ? (
        <Box sx={{ p: 2, color: 'text.secondary' }}>No worker has reported its machine in the last 24 hours.</Box>
      ) : (
        <EChart option={option} height={216} aria-label="worker activity" />
      )}
    </Paper>
  );
}
