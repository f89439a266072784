import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** The bar above the table while rows are selected: their count, clear, and the page's actions. */
export function SelectionBar({
  count,
  onClear,
  more,
  children,
}: {
  count: number;
  onClear: () => void;
  /** Beside the count: a way to select more (all of the view). */
  more?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Paper
      variant="outlined"
      sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 0.5, mb: 1, bgcolor: 'action.selected' }}
      role="region"
      aria-label="selection"
    >
      <IconButton size="small" aria-label="clear selection" onClick={onClear}>
        <CloseIcon fontSize="small" />
      </IconButton>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {count.toLocaleString()} selected
      </Typography>
      {more}
      <Box sx={{ flex: 1 }} />
      {children}
    </Paper>
  );
}
