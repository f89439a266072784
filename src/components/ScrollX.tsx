import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/** A table wider than a narrow screen scrolls sideways in its own box, not the whole page under the bar. */
export function ScrollX({ children }: { children: ReactNode }) {
  return <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>{children}</Box>;
}
