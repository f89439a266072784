import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';

/** What a page shows when what its URL names does not exist: what was asked for, and a way back. */
export function NotFound({
  title,
  detail,
  back,
}: {
  title: string;
  detail?: string;
  back: { label: string; href: string; navigate: (href: string) => void };
}) {
  return (
    <Box role="alert" aria-label="not found" sx={{ py: 8, textAlign: 'center' }}>
      <Typography variant="h5" component="h1">
        {title}
      </Typography>
      {detail && (
        <Typography color="text.secondary" sx={{ mt: 1, overflowWrap: 'anywhere' }}>
          {detail}
        </Typography>
      )}
      <Button
        variant="contained"
        sx={{ mt: 3 }}
        href={back.href}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          back.navigate(back.href);
        }}
      >
        {back.label}
      </Button>
    </Box>
  );
}

/** The server's answer for an id it does not know (ClearML: HTTP 400 with an "Invalid ... id" subcode). */
export function isUnknownId(e: unknown): boolean {
  return (
    !!e && typeof e === 'object' && 'code' in e && 'detail' in e && e.code === 400 && /^Invalid \w+ id/.test(String(e.detail))
  );
}
