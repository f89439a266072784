import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { ApiCallError, type ApiClient } from '../../../client';
import { signIn, type CurrentUser } from '../session';

export function SignInPage({ client, onSignIn }: { client: ApiClient; onSignIn: (u: CurrentUser) => void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignIn(await signIn(client, login.trim(), password));
    } catch (err) {
      setError(err instanceof ApiCallError ? err.detail : `Could not reach the server: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 420 }} elevation={3}>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 700, mb: 0.5 }}>
          Taskdeck
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Sign in with your login and password. The first admin's password is printed when the server first starts (or set with{' '}
          <code>TASKDECK_ADMIN_PASSWORD</code>); an admin can reset yours.
        </Typography>
        <Stack spacing={2}>
          <TextField
            label="Login"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            autoFocus
            required
            autoComplete="username"
          />
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete="current-password"
          />
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="large" disabled={busy || !login || !password}>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}
