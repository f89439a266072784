import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2, mb: 2 }}>
      <Typography
        variant="overline"
        component="h3"
        sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary', mb: 1 }}
      >
        <Box component="span" sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {title}
        </Box>
        <span style={{ flex: 1 }} />
        <Box
          component="span"
          sx={{ textTransform: 'none', letterSpacing: 'normal', fontSize: 14, lineHeight: 1.5, color: 'text.primary' }}
        >
          {actions}
        </Box>
      </Typography>
      {children}
    </Paper>
  );
}
