import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ApiCallError } from '../../../client';
import { useRevokeUserCredentials, useUserCredentials, type UserRow } from '../api/queries';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/**
 * A user's API keys for an admin: what scripts and agents sign in as them, when each was last used, and a revoke for
 * each or all (a key left behind by someone who had their session ends without disabling the user).
 */
export function UserKeysDialog({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const keys = useUserCredentials(user?.id ?? null);
  const revoke = useRevokeUserCredentials();
  const error = revoke.error instanceof ApiCallError ? revoke.error.detail : revoke.error?.message;
  const list = keys.data ?? [];
  return (
    <Dialog open={!!user} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="user-keys-title">
      <DialogTitle id="user-keys-title" sx={{ overflowWrap: 'anywhere' }}>
        API keys of {user?.login}
      </DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert" sx={{ mb: 1 }}>
            {error}
          </Alert>
        )}
        {keys.isPending ? (
          <Typography color="text.secondary">Loading…</Typography>
        ) : !list.length ? (
          <Typography color="text.secondary" role="status">
            No API keys.
          </Typography>
        ) : (
          <Table size="small" aria-label={`API keys of ${user?.login}`} sx={{ tableLayout: 'fixed' }}>
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
              {list.map((c) => (
                <TableRow key={c.access_key} data-access-key={c.access_key}>
                  <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{c.access_key}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{c.label || '—'}</TableCell>
                  <TableCell>{when(c.created)}</TableCell>
                  <TableCell>{when(c.last_used)}</TableCell>
                  <TableCell align="right">
                    <Button
                      size="small"
                      color="error"
                      disabled={revoke.isPending}
                      aria-label={`revoke ${c.access_key}`}
                      onClick={() => revoke.mutate({ user: user!.id, access_key: c.access_key })}
                    >
                      Revoke
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        {list.length > 1 && (
          <Button color="error" disabled={revoke.isPending} onClick={() => revoke.mutate({ user: user!.id })}>
            Revoke all {list.length}
          </Button>
        )}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
