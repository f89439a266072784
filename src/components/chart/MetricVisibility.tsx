import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Popover from '@mui/material/Popover';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useMemo, useState } from 'react';
import { hiddenOf, shownFrom, type MetricsShown } from './metrics-shown';

/** Checkboxes drawn at once: a task keeps up to 2,000 series; more are reached by searching. */
const LISTED = 300;

/**
 * ClearML's metric list beside the charts: a checkbox per metric, a search, and show or hide every metric the search
 * keeps. What it hands on is the shorter list (metrics-shown.ts).
 */
export function MetricVisibility({
  metrics,
  shown,
  onChange,
}: {
  metrics: string[];
  shown: MetricsShown;
  onChange: (shown: MetricsShown) => void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [search, setSearch] = useState('');
  const id = useId();
  const off = useMemo(() => hiddenOf(shown, metrics), [shown, metrics]);
  const needle = search.toLowerCase();
  const matching = useMemo(() => metrics.filter((m) => m.toLowerCase().includes(needle)), [metrics, needle]);
  const shownCount = metrics.filter((m) => !off.has(m)).length;
  if (metrics.length < 2 && !off.size) return null;
  const set = (names: string[], show: boolean) => {
    const next = new Set(off);
    for (const m of names) {
      if (show) next.delete(m);
      else next.add(m);
    }
    onChange(shownFrom(metrics, next));
  };
  return (
    <>
      <Button
        variant="outlined"
        size="small"
        aria-haspopup="dialog"
        aria-expanded={!!anchor}
        aria-controls={anchor ? id : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        Metrics: {shownCount} of {metrics.length} shown
      </Button>
      <Popover
        id={id}
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{ paper: { role: 'dialog', 'aria-label': 'metrics shown', sx: { p: 1.5, width: 340 } } }}
      >
        <TextField
          size="small"
          fullWidth
          autoFocus
          label="Search metrics"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Box sx={{ display: 'flex', gap: 1, my: 1 }}>
          <Button size="small" onClick={() => set(matching, true)}>
            Show {search ? 'these' : 'all'}
          </Button>
          <Button size="small" onClick={() => set(matching, false)}>
            Hide {search ? 'these' : 'all'}
          </Button>
        </Box>
        <Box sx={{ maxHeight: 360, overflowY: 'auto', display: 'flex', flexDirection: 'column' }}>
          {matching.slice(0, LISTED).map((m) => (
            <FormControlLabel
              key={m}
              sx={{ mr: 0, overflowWrap: 'anywhere' }}
              control={<Checkbox size="small" checked={!off.has(m)} onChange={(e) => set([m], e.target.checked)} />}
              label={m}
            />
          ))}
          {!matching.length && <Typography color="text.secondary">No metric matches “{search}”.</Typography>}
          {matching.length > LISTED && (
            <Typography variant="body2" color="text.secondary">
              {matching.length - LISTED} more: narrow the search to reach them.
            </Typography>
          )}
        </Box>
      </Popover>
    </>
  );
}
