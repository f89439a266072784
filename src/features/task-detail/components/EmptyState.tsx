import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** What a tab shows when the task recorded nothing of its kind: a sentence, never a spinner. */
export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <Box role="status" sx={{ py: 8, textAlign: 'center', color: 'text.secondary' }}>
      <Typography variant="h6" component="p">
        {title}
      </Typography>
      {hint && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {hint}
        </Typography>
      )}
    </Box>
  );
}
