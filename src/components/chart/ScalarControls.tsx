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

export interface ScalarSettings {
  xMode: XMode;
  smoothing: number;
  logY: boolean;
  filter: string;
}

export function ScalarControls({ value, onChange }: { value: ScalarSettings; onChange: (v: ScalarSettings) => void }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 3, flexWrap: 'wrap', mb: 2 }}>
      <TextField
        size="small"
        label="Filter metrics"
        value={value.filter}
        onChange={(e) => onChange({ ...value, filter: e.target.value })}
      />
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
      <Box sx={{ width: 260 }}>
        <Typography id="smoothing-label" variant="caption" color="text.secondary">
          Smoothing (exponential moving average): {value.smoothing.toFixed(value.smoothing > 0.99 ? 3 : 2)}
        </Typography>
        <Slider
          aria-labelledby="smoothing-label"
          size="small"
          min={0}
          max={0.999}
          step={0.001}
          value={value.smoothing}
          onChange={(_, v) => onChange({ ...value, smoothing: v as number })}
        />
      </Box>
      <FormControlLabel
        control={<Switch checked={value.logY} onChange={(e) => onChange({ ...value, logY: e.target.checked })} />}
        label="Log scale"
      />
    </Box>
  );
}
