import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Slider from '@mui/material/Slider';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { LabeledSelect, type SelectOption } from '../LabeledSelect';
import { MetricVisibility } from './MetricVisibility';
import { ALL_METRICS, type MetricsShown } from './metrics-shown';
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
  /** Which metrics are charted (ClearML's metric list with its checkboxes). */
  shown: MetricsShown;
}

export const DEFAULT_SCALAR_SETTINGS: ScalarSettings = {
  xMode: 'iter',
  smoothingType: 'none',
  smoothing: 0,
  logY: false,
  filter: '',
  group: 'metric',
  shown: ALL_METRICS,
};

const GROUP_OPTIONS: SelectOption<GroupBy>[] = [
  { value: 'metric', label: 'Metric' },
  { value: 'variant', label: 'Metric and variant' },
];
const X_OPTIONS: SelectOption<XMode>[] = [
  { value: 'iter', label: 'Iterations' },
  { value: 'relative', label: 'Time from start' },
  { value: 'wall', label: 'Wall time' },
];
const SMOOTHING_OPTIONS = (Object.keys(SMOOTHING) as SmoothingType[]).map((t) => ({ value: t, label: SMOOTHING[t].label }));

/** The settings bar of scalar charts; with `metrics`, their list to show or hide each. */
export function ScalarControls({
  value,
  onChange,
  metrics,
}: {
  value: ScalarSettings;
  onChange: (v: ScalarSettings) => void;
  metrics?: string[];
}) {
  const kind = SMOOTHING[value.smoothingType];
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 3, flexWrap: 'wrap', mb: 2 }}>
      <TextField
        size="small"
        label="Filter metrics"
        value={value.filter}
        onChange={(e) => onChange({ ...value, filter: e.target.value })}
      />
      {metrics && <MetricVisibility metrics={metrics} shown={value.shown} onChange={(shown) => onChange({ ...value, shown })} />}
      <LabeledSelect
        id="group-by"
        label="Group by"
        minWidth={170}
        value={value.group}
        options={GROUP_OPTIONS}
        onChange={(group) => onChange({ ...value, group })}
      />
      <LabeledSelect
        id="x-axis"
        label="Horizontal axis"
        minWidth={170}
        value={value.xMode}
        options={X_OPTIONS}
        onChange={(xMode) => onChange({ ...value, xMode })}
      />
      <LabeledSelect
        id="smoothing-type"
        label="Smoothing"
        minWidth={230}
        value={value.smoothingType}
        options={SMOOTHING_OPTIONS}
        onChange={(t) => onChange({ ...value, smoothingType: t, smoothing: SMOOTHING[t].initial })}
      />
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
