import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';

/** A stored URL the dashboard must not turn into a link (see `storedLink`): its text and a button that copies it. */
export function CopyableUrl({ url, label, title }: { url: string; label: string; title?: string }) {
  return (
    <Typography component="span" variant="body2" sx={{ wordBreak: 'break-all', fontFamily: 'monospace' }} title={title}>
      {url}
      <Tooltip title="Copy the address">
        <IconButton size="small" aria-label={`copy address of ${label}`} onClick={() => void navigator.clipboard?.writeText(url)}>
          <ContentCopyIcon fontSize="inherit" />
        </IconButton>
      </Tooltip>
    </Typography>
  );
}
