import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { CredentialTable } from '../../../components/CredentialTable';
import { clearmlConf } from '../../../shared/clearml-conf';
import {
  useCreateCredential,
  useOwnCredentials,
  useRelabelCredential,
  useRevokeCredential,
  type NewCredential,
  type OwnCredential,
} from '../api/queries';
import TableContainer from '@mui/material/TableContainer';

function LabelCell({ cred }: { cred: OwnCredential }) {
  const relabel = useRelabelCredential();
  const [editing, setEditing] = useState<string | null>(null);
  if (editing === null) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <span>{cred.label || '—'}</span>
        <Button size="small" aria-label={`rename ${cred.access_key}`} onClick={() => setEditing(cred.label)}>
          Rename
        </Button>
      </Box>
    );
  }
  return (
    <Box
      component="form"
      sx={{ display: 'flex', gap: 1 }}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        relabel.mutate({ accessKey: cred.access_key, label: editing }, { onSuccess: () => setEditing(null) });
      }}
    >
      <TextField
        size="small"
        label="New label"
        value={editing}
        onChange={(e) => setEditing(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 256 } }}
        autoFocus
      />
      <Button type="submit" size="small">
        Save
      </Button>
    </Box>
  );
}

/** The secret of a new key pair, shown once, with a clearml.conf block ready to save. */
function NewKeyPair({ made, onDone }: { made: NewCredential; onDone: () => void }) {
  return (
    <Alert
      severity="success"
      sx={{ mb: 2 }}
      role="status"
      aria-label="new credentials"
      action={<Button onClick={onDone}>Done</Button>}
    >
      <Typography variant="body2" sx={{ mb: 1 }}>
        Copy the secret key now: it is not shown again. Save this as <code>~/clearml.conf</code> where your scripts run:
      </Typography>
      <Box
        component="pre"
        aria-label="new clearml.conf"
        sx={{ p: 1.5, m: 0, bgcolor: 'action.hover', borderRadius: 1, overflow: 'auto', fontSize: 13 }}
      >
        {clearmlConf(window.location.origin, { accessKey: made.access_key, secretKey: made.secret_key })}
      </Box>
    </Alert>
  );
}

export function CredentialsSection() {
  const creds = useOwnCredentials();
  const create = useCreateCredential();
  const revoke = useRevokeCredential();
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<NewCredential | null>(null);
  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-label="API credentials">
      <Typography variant="h6" component="h2">
        API credentials
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Key pairs for the ClearML SDK, the agent and scripts. They act as you, with your role.
      </Typography>
      {made && <NewKeyPair made={made} onDone={() => setMade(null)} />}
      <Box
        component="form"
        sx={{ display: 'flex', gap: 1, mb: 2 }}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate(label.trim(), { onSuccess: (c) => (setMade(c), setLabel('')) });
        }}
      >
        <TextField
          size="small"
          label="Label for a new key"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 256 } }}
        />
        <Button type="submit" variant="contained" disabled={create.isPending}>
          Create credentials
        </Button>
      </Box>
      <TableContainer>
        <CredentialTable
          label="your credentials"
          credentials={creds.data ?? []}
          onRevoke={(key) => revoke.mutate(key)}
          labelCell={(c) => <LabelCell cred={c} />}
          empty={creds.data ? 'No active keys.' : undefined}
        />
      </TableContainer>
    </Paper>
  );
}
