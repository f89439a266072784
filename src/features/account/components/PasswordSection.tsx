import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useChangePassword } from '../api/queries';

export function PasswordSection() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = !!again && next !== again;
  return (
    <Paper
      variant="outlined"
      sx={{ p: 3 }}
      component="form"
      aria-label="change password"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        change.mutate({ current, next }, { onSuccess: () => (setCurrent(''), setNext(''), setAgain('')) });
      }}
    >
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        Password
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 360 }}>
        <TextField
          size="small"
          type="password"
          label="Current password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          autoComplete="current-password"
          required
        />
        <TextField
          size="small"
          type="password"
          label="New password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          autoComplete="new-password"
          helperText="At least 8 characters"
          required
        />
        <TextField
          size="small"
          type="password"
          label="New password again"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          autoComplete="new-password"
          error={mismatch}
          helperText={mismatch ? 'The two do not match' : ' '}
          required
        />
        {change.isSuccess && <Alert severity="success">Password changed.</Alert>}
        <Button type="submit" variant="contained" disabled={change.isPending || !current || next.length < 8 || next !== again}>
          Change password
        </Button>
      </Stack>
    </Paper>
  );
}
