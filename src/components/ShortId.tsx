import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import { useState } from 'react';

/**
 * The first characters of an id (the whole id in its title), and a button that copies the whole id.
 * A title, not a Tooltip: a table shows one per row.
 */
export function ShortId({ id, chars = 8 }: { id: string; chars?: number }) {
  const [copied, setCopied] = useState(false);
  return (
    <Box
      component="span"
      sx={{ position: 'relative', display: 'inline-flex', alignItems: 'center', '&:hover .copy-id': { opacity: 1 } }}
    >
      <Box component="span" title={id} sx={{ fontFamily: 'monospace', fontSize: 12.5 }}>
        {id.slice(0, chars)}
      </Box>
      <IconButton
        className="copy-id"
        size="small"
        disableRipple
        title={copied ? 'Copied' : 'Copy the id'}
        aria-label={`copy id ${id}`}
        // Over the end of the id, so the hidden button takes no room in a narrow column.
        sx={{
          position: 'absolute',
          right: -6,
          opacity: 0,
          p: 0.25,
          bgcolor: 'background.paper',
          '&:hover': { bgcolor: 'background.paper' },
          '&:focus-visible': { opacity: 1 },
        }}
        onClick={(e) => {
          e.stopPropagation();
          void navigator.clipboard?.writeText(id).then(() => setCopied(true));
        }}
        onMouseLeave={() => setCopied(false)}
      >
        <ContentCopyIcon sx={{ fontSize: 13 }} />
      </IconButton>
    </Box>
  );
}
