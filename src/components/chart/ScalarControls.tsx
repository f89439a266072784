import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Slider from '@mui/material/Slider';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { XMode } from './scalar-chart';
import { SMOOTHING, type SmoothingType } from './smoothing';

export type GroupBy = 'metric' | 'variant';

export interface ScalarSettings {
  xMode: XMode;
  smoothingType: SmoothingType;
  /** The smoothing's parameter: EMA weight, running-average window or Gaussian sigma. */
  smoothing: number;
  logY: boolean;
  filter: string;
  /** A chart per metric (its variants overlaid), or a chart per metric and variant. */
  group: GroupBy;
}

export const DEFAULT_SCALAR_SETTINGS: ScalarSettings = {
  xMode: 'iter',
  smoothingType: 'none',
  smoothing: 0,
  logY: false,
  filter: '',
  group: 'metric',
};

export function ScalarControls({ value, onChange }: { value: ScalarSettings; onChange: (v: ScalarSettings) => void }) {
  const kind = SMOOTHING[value.smoothingType];
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 3, flexWrap: 'wrap', mb: 2 }}>
      <TextField
        size="small"
        label="Filter metrics"
        value={value.filter}
        onChange={(e) => onChange({ ...value, filter: e.target.value })}
      />
      <FormControl size="small" sx={{ minWidth: 170 }}>
        <InputLabel id="group-by-label">Group by</InputLabel>
        <Select
          labelId="group-by-label"
          label="Group by"
          value={value.group}
          onChange={(e) => onChange({ ...value, group: e.target.value as GroupBy })}
        >
          <MenuItem value="metric">Metric</MenuItem>
          <MenuItem value="variant">Metric and variant</MenuItem>
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ minWidth: 170 }}>
        <InputLabel id="x-axis-label">Horizontal axis</InputLabel>
        <Select
          labelId="x-axis-label"
          label="Horizontal axis"
          value={value.xMode}
          onChange={(e) => onChange({ ...value, xMode: e.target.value as XMode })}
        >
          <MenuItem value="iter">Iterations</MenuItem>
          <MenuItem value="relative">Time from start</MenuItem>
          <MenuItem value="wall">Wall time</MenuItem>
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ minWidth: 230 }}>
        <InputLabel id="smoothing-type-label">Smoothing</InputLabel>
        <Select
          labelId="smoothing-type-label"
          label="Smoothing"
          value={value.smoothingType}
          onChange={(e) => {
            const t = e.target.value as SmoothingType;
            onChange({ ...value, smoothingType: t, smoothing: SMOOTHING[t].initial });
          }}
        >
          {(Object.keys(SMOOTHING) as SmoothingType[]).map((t) => (
            <MenuItem key={t} value={t}>
              {SMOOTHING[t].label}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {value.smoothingType !== 'none' && (
        <Box sx={{ width: 220 }}>
          <Typography id="smoothing-label" variant="caption" color="text.secondary">
            {kind.label} {kind.param}: {value.smoothing}
          </Typography>
          <Slider
            aria-labelledby="smoothing-label"
            size="small"
            min={kind.min}
            max={kind.max}
            step={kind.step}
            value={value.smoothing}
            onChange={(_, v) => onChange({ ...value, smoothing: v as number })}
          />
        </Box>
      )}
      <FormControlLabel
        control={<Switch checked={value.logY} onChange={(e) => onChange({ ...value, logY: e.target.checked })} />}
        label="Log scale"
      />
    </Box>
  );
}
