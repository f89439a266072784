import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { EChart } from '../../../components/chart/EChart';
import type { QueueEx } from '../../../shared/api/queues';
import { useQueueMetrics } from '../api/queries';

const RANGE_SEC = 3600;

/** The selected queue's length and average waiting time over the last hour. */
export function QueueActivity({ queue }: { queue: QueueEx }) {
  const m = useQueueMetrics(queue.id, RANGE_SEC);
  const option = useMemo(() => {
    const d = m.data;
    const now = Date.now();
    const at = (i: number) => d!.dates[i] * 1000;
    return {
      // The axes' names sit below the legend's row (top 56): on a narrow chart the centred legend reaches the right axis.
      grid: { left: 48, right: 64, top: 56, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      // The server's newest sample can be a moment after `now`: keep it on the chart.
      xAxis: {
        type: 'time',
        min: now - RANGE_SEC * 1000,
        max: d?.dates.length ? Math.max(now, at(d.dates.length - 1)) : now,
        splitNumber: 6,
        axisLabel: { hideOverlap: true },
      },
      yAxis: [
        { type: 'value', name: 'tasks', minInterval: 1 },
        { type: 'value', name: 'wait (s)', splitLine: { show: false } },
      ],
      series: d
        ? [
            {
              name: 'Queue length',
              type: 'line',
              step: 'end',
              showSymbol: d.dates.length < 30,
              data: d.queue_lengths.map((v, i) => [at(i), v]),
            },
            {
              name: 'Average wait',
              type: 'line',
              yAxisIndex: 1,
              showSymbol: d.dates.length < 30,
              data: d.avg_waiting_times.map((v, i) => [at(i), v]),
            },
          ]
        : [],
    };
  }, [m.data]);
  return (
    <Paper variant="outlined" sx={{ p: 1 }}>
      <Typography variant="subtitle2" sx={{ px: 1, fontWeight: 600 }}>
        Activity of {queue.display_name || queue.name}, last hour
      </Typography>
      {m.isError ? (
        <Box sx={{ p: 2, color: 'text.secondary' }}>No activity to show: {m.error.message}</Box>
      ) : m.data && m.data.dates.length === 0 ? (
        <Box sx={{ p: 2, color: 'text.secondary' }}>No samples yet.</Box>
      ) : (
        <EChart option={option} height={216} aria-label={`queue activity ${queue.name}`} />
      )}
    </Paper>
  );
}
