import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { ApiCallError, type ApiClient } from '../../../client';
import { login, type Session } from '../session';

export function LoginPage({ onLogin }: { onLogin: (s: Session, c: ApiClient) => void }) {
  const [accessKey, setAccessKey] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await login(accessKey.trim(), secretKey.trim());
      onLogin(r.session, r.client);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.detail : `Could not reach the server: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 420 }} elevation={3}>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 700, mb: 0.5 }}>Taskdeck</Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Log in with an access key and secret key — the pair printed when the server first started, or one made with <code>npm run credentials</code>.
        </Typography>
        <Stack spacing={2}>
          <TextField label="Access key" value={accessKey} onChange={(e) => setAccessKey(e.target.value)} autoFocus required autoComplete="username" />
          <TextField label="Secret key" type="password" value={secretKey} onChange={(e) => setSecretKey(e.target.value)} required autoComplete="current-password" />
          {error && <Alert severity="error" role="alert">{error}</Alert>}
          <Button type="submit" variant="contained" size="large" disabled={busy || !accessKey || !secretKey}>Log in</Button>
        </Stack>
      </Paper>
    </Box>
  );
}
