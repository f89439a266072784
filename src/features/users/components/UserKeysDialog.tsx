import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { ApiCallError } from '../../../client';
import { CredentialTable } from '../../../components/CredentialTable';
import { useRevokeUserCredentials, useUserCredentials, type UserRow } from '../api/queries';

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
          <CredentialTable
            label={`API keys of ${user?.login}`}
            credentials={list}
            revoking={revoke.isPending}
            onRevoke={(key) => revoke.mutate({ user: user!.id, access_key: key })}
          />
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
