import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { ReactNode } from 'react';
import type { OwnCredential } from '../shared/api/accounts';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** API keys as Settings and Admin → Users show them: access key, label, created, last used, and a Revoke each. */
export function CredentialTable({
  label,
  credentials,
  onRevoke,
  revoking = false,
  labelCell = (c) => c.label || '—',
  empty,
}: {
  label: string;
  credentials: OwnCredential[];
  onRevoke: (accessKey: string) => void;
  revoking?: boolean;
  labelCell?: (c: OwnCredential) => ReactNode;
  /** A row saying there are none (omitted: no row). */
  empty?: string;
}) {
  return (
    <Table size="small" aria-label={label} sx={{ tableLayout: 'fixed' }}>
      <TableHead>
        <TableRow>
          <TableCell>Access key</TableCell>
          <TableCell>Label</TableCell>
          <TableCell>Created</TableCell>
          <TableCell>Last used</TableCell>
          <TableCell sx={{ width: 96 }} />
        </TableRow>
      </TableHead>
      <TableBody>
        {credentials.map((c) => (
          <TableRow key={c.access_key} data-access-key={c.access_key}>
            <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{c.access_key}</TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>{labelCell(c)}</TableCell>
            <TableCell>{when(c.created)}</TableCell>
            <TableCell>{when(c.last_used)}</TableCell>
            <TableCell align="right">
              <Button
                size="small"
                color="error"
                disabled={revoking}
                aria-label={`revoke ${c.access_key}`}
                onClick={() => onRevoke(c.access_key)}
              >
                Revoke
              </Button>
            </TableCell>
          </TableRow>
        ))}
        {empty && !credentials.length && (
          <TableRow>
            <TableCell colSpan={5}>{empty}</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
