import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useState } from 'react';
import { useColumnChoices } from '../api/queries';
import { BASE_COLUMNS } from '../table-state';

/** Shows or hides the default columns, and adds hyper-parameter and last-metric columns. */
export function ColumnChooser({
  projectId,
  cols,
  hide,
  onChange,
  onHide,
}: {
  projectId: string;
  cols: string[];
  hide: string[];
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
  const base = BASE_COLUMNS.filter((c) => c.key !== 'name').map((c) => (
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
  return (
    <>
      <Button size="small" startIcon={<ViewColumnIcon />} onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu">
        Columns
      </Button>
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        slotProps={{ paper: { sx: { maxHeight: 480 } }, list: { 'aria-label': 'add columns' } }}
      >
        <ListSubheader>Shown columns</ListSubheader>
        {base}
        <ListSubheader>Metrics (last value)</ListSubheader>
        {(choices.data?.metrics ?? []).map(item)}
        <ListSubheader>Hyperparameters</ListSubheader>
        {(choices.data?.params ?? []).map(item)}
        {choices.isPending && <MenuItem disabled>Loading…</MenuItem>}
      </Menu>
    </>
  );
}
