import Box from '@mui/material/Box';
import Button from '@mui/material/Button';

/**
 * Below a list drawn a part at a time (a task may hold thousands of artifacts, models or configuration objects, and
 * each card of them costs the page): how many are not drawn yet, and a button drawing `step` more.
 */
export function ShowMore({ hidden, step, noun, onMore }: { hidden: number; step: number; noun: string; onMore: () => void }) {
  if (hidden <= 0) return null;
  return (
    <Box role="status" sx={{ mt: 1, mb: 2, display: 'flex', gap: 1, alignItems: 'center', color: 'text.secondary' }}>
      {`${hidden.toLocaleString('en-US')} more ${noun}`}
      <Button size="small" onClick={onMore}>
        Show {Math.min(hidden, step).toLocaleString('en-US')} more
      </Button>
    </Box>
  );
}
