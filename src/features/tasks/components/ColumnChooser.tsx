import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useState } from 'react';
import { useColumnChoices } from '../api/queries';
import { BASE_COLUMNS, FIELD_COLUMNS, METRIC_VALUES } from '../columns';

/**
 * Shows or hides the default columns, and adds task fields, hyper-parameters, and metrics
 * (each as its last, lowest or highest value).
 */
export function ColumnChooser({
  projectId,
  cols,
  hide,
  showProject,
  onChange,
  onHide,
}: {
  projectId: string;
  cols: string[];
  hide: string[];
  showProject: boolean;
  onChange: (cols: string[]) => void;
  onHide: (hide: string[]) => void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const choices = useColumnChoices(projectId, !!anchor);
  const toggle = (key: string) => onChange(cols.includes(key) ? cols.filter((c) => c !== key) : [...cols, key]);
  const item = (c: { key: string; label: string }) => (
    <MenuItem key={c.key} onClick={() => toggle(c.key)} data-column={c.key} dense>
      <Checkbox size="small" checked={cols.includes(c.key)} />
      <ListItemText primary={c.label} />
    </MenuItem>
  );
  const base = BASE_COLUMNS.filter((c) => c.key !== 'name' && (c.key !== 'project' || showProject)).map((c) => (
    <MenuItem
      key={c.key}
      onClick={() => onHide(hide.includes(c.key) ? hide.filter((k) => k !== c.key) : [...hide, c.key])}
      data-column={c.key}
      dense
    >
      <Checkbox size="small" checked={!hide.includes(c.key)} />
      <ListItemText primary={c.label} />
    </MenuItem>
  ));
  // A metric's row: its name, and a toggle for each value it can show.
  const metric = (m: { path: string; label: string }) => (
    <MenuItem key={m.path} dense disableRipple sx={{ gap: 1, cursor: 'default' }} data-metric={m.path}>
      <ListItemText primary={m.label} />
      <Box sx={{ display: 'flex', gap: 0.5 }}>
        {METRIC_VALUES.map((v) => {
          const key = `${v.prefix}${m.path}`;
          const on = cols.includes(key);
          return (
            <Chip
              key={v.prefix}
              size="small"
              label={v.label}
              data-column={key}
              aria-pressed={on}
              color={on ? 'primary' : 'default'}
              variant={on ? 'filled' : 'outlined'}
              onClick={(e) => {
                e.stopPropagation();
                toggle(key);
              }}
            />
          );
        })}
      </Box>
    </MenuItem>
  );
  return (
    <>
      <Button size="small" startIcon={<ViewColumnIcon />} onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu">
        Columns
      </Button>
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        slotProps={{ paper: { sx: { maxHeight: 520 } }, list: { 'aria-label': 'add columns' } }}
      >
        <ListSubheader>Shown columns</ListSubheader>
        {base}
        {FIELD_COLUMNS.map(item)}
        <ListSubheader>Metrics (last, min, max)</ListSubheader>
        {(choices.data?.metrics ?? []).map(metric)}
        <ListSubheader>Hyperparameters</ListSubheader>
        {(choices.data?.params ?? []).map(item)}
        {choices.isPending && <MenuItem disabled>Loading…</MenuItem>}
      </Menu>
    </>
  );
}
