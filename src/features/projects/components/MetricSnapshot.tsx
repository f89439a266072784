import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useMemo, useState } from 'react';
import { EChart } from '../../../components/chart/EChart';
import { STATUS_PALETTE } from '../../../components/StatusBadge';
import type { TaskStatus } from '../../../shared/task-state';
import { SNAPSHOT_TASKS, useMetricSnapshot, useProjectMetrics } from '../api/queries';
import { SNAPSHOT_VALUES, snapshotOption, snapshotPoints, type SnapshotValue } from '../metric-snapshot';

/**
 * One metric across the project's latest tasks: each task a point at its last change, coloured by status; a click
 * opens the task.
 */
export function MetricSnapshot({
  projectId,
  onOpenTask,
}: {
  projectId: string;
  onOpenTask: (project: string | null, id: string) => void;
}) {
  const metrics = useProjectMetrics(projectId);
  const [picked, setPicked] = useState<string | null>(null);
  const [which, setWhich] = useState<SnapshotValue>('value');
  const choices = metrics.data ?? [];
  const keyOf = (m: { metric_hash: string; variant_hash: string }) => `${m.metric_hash}.${m.variant_hash}`;
  const series = choices.find((m) => keyOf(m) === picked) ?? choices[0];
  const snapshot = useMetricSnapshot(projectId, series);
  const theme = useTheme();
  const colors = useMemo(() => {
    const out: Partial<Record<TaskStatus, string>> = {};
    for (const [status, key] of Object.entries(STATUS_PALETTE) as [TaskStatus, (typeof STATUS_PALETTE)[TaskStatus]][])
      out[status] = key === 'default' ? theme.palette.grey[500] : theme.palette[key].main;
    return out;
  }, [theme]);
  const points = useMemo(
    () => (series && snapshot.data ? snapshotPoints(snapshot.data, series, which) : []),
    [snapshot.data, series, which],
  );
  const yName = series ? `${series.metric} / ${series.variant}` : '';
  const option = useMemo(() => snapshotOption(points, yName, colors), [points, yName, colors]);

  return (
    <Paper variant="outlined" sx={{ p: 2, maxWidth: 960 }} data-metric-snapshot>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          Metric snapshot
        </Typography>
        {series && (
          <>
            <TextField
              select
              size="small"
              label="Metric"
              value={keyOf(series)}
              onChange={(e) => setPicked(e.target.value)}
              sx={{ minWidth: 220, maxWidth: 420 }}
              // Names come from scripts: long ones wrap inside a bounded menu.
              slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxWidth: 480 } } } } } }}
            >
              {choices.map((m) => (
                <MenuItem key={keyOf(m)} value={keyOf(m)} sx={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                  {m.metric} / {m.variant}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label="Value"
              value={which}
              onChange={(e) => setWhich(e.target.value as SnapshotValue)}
            >
              {Object.entries(SNAPSHOT_VALUES).map(([k, label]) => (
                <MenuItem key={k} value={k}>
                  {label}
                </MenuItem>
              ))}
            </TextField>
          </>
        )}
      </Box>
      {!metrics.isPending && !series ? (
        <Typography color="text.secondary">No task of this project has reported a scalar yet.</Typography>
      ) : (
        <>
          <EChart
            option={option}
            height={320}
            aria-label="chart metric snapshot"
            onReady={(chart) => {
              chart.off('click');
              chart.on('click', (p) => {
                const [, , id, , project] = (p.value as unknown[] | undefined) ?? [];
                if (typeof id === 'string') onOpenTask(typeof project === 'string' ? project : null, id);
              });
            }}
          />
          <Typography variant="caption" color="text.secondary">
            {points.length} task{points.length === 1 ? '' : 's'} holding it, the latest {SNAPSHOT_TASKS} at most (archived ones
            left out); a point opens its task.
          </Typography>
        </>
      )}
    </Paper>
  );
}
