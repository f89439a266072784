import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import type { ReactNode } from 'react';

export interface KeyValue {
  label: string;
  value: ReactNode;
  /** Text to copy with a button beside the value. */
  copy?: string;
}

export function KeyValues({ items }: { items: KeyValue[] }) {
  return (
    // Fixed: a long value wraps in its column instead of squeezing the labels (a 10,000-character runtime value).
    <Table size="small" sx={{ tableLayout: 'fixed', '& td': { borderBottom: 'none', py: 0.5 } }}>
      <TableBody>
        {items.map((kv) => (
          <TableRow key={kv.label}>
            <TableCell
              component="th"
              scope="row"
              sx={{ width: 200, color: 'text.secondary', fontWeight: 500, verticalAlign: 'top', overflowWrap: 'anywhere' }}
            >
              {kv.label}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
              {kv.value === '' || kv.value === undefined || kv.value === null ? '—' : kv.value}
              {kv.copy && (
                <Tooltip title={`Copy ${kv.label.toLowerCase()}`}>
                  <IconButton
                    size="small"
                    aria-label={`copy ${kv.label.toLowerCase()}`}
                    onClick={() => void navigator.clipboard?.writeText(kv.copy!)}
                  >
                    <ContentCopyIcon fontSize="inherit" />
                  </IconButton>
                </Tooltip>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
