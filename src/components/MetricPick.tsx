import MenuItem from '@mui/material/MenuItem';
import type { SxProps, Theme } from '@mui/material/styles';
import TextField from '@mui/material/TextField';

/**
 * ClearML's metric selector on debug samples and plots: every metric (the empty value), or the one picked. Shown only
 * when there is a choice; a pick no longer among `metrics` reads as every metric.
 */
export function MetricPick({
  metrics,
  value,
  onChange,
  sx,
}: {
  metrics: string[];
  value: string;
  onChange: (metric: string) => void;
  sx?: SxProps<Theme>;
}) {
  if (metrics.length < 2) return null;
  return (
    <TextField
      select
      size="small"
      label="Metric"
      value={metrics.includes(value) ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      sx={[{ minWidth: 220 }, ...(Array.isArray(sx) ? sx : [sx])]}
    >
      <MenuItem value="">All metrics</MenuItem>
      {metrics.map((m) => (
        <MenuItem key={m} value={m}>
          {m}
        </MenuItem>
      ))}
    </TextField>
  );
}
