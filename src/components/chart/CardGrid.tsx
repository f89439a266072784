import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/**
 * Cards in as many columns of at least `minWidth` px as fit. On a screen narrower than one card the one
 * column shrinks to the screen (`min(…, 100%)`) instead of making the page scroll sideways.
 */
export function CardGrid({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(min(${minWidth}px, 100%), 1fr))`, gap: 2 }}>
      {children}
    </Box>
  );
}
