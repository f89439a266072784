import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useCurrentUser, type Role } from '../../../client/current-user';
import { useCreateUser, useResetPassword, useUpdateUser, useUsers, type UserRow } from '../api/queries';
import TableContainer from '@mui/material/TableContainer';
import { UserKeysDialog } from './UserKeysDialog';

const ROLES: Role[] = ['admin', 'member', 'viewer'];

/** A password made by the server, shown once. */
function OneTimePassword({ login, password, onDone }: { login: string; password: string; onDone: () => void }) {
  return (
    <Alert
      severity="success"
      role="status"
      aria-label="one-time password"
      sx={{ mb: 2 }}
      action={<Button onClick={onDone}>Done</Button>}
    >
      Password for <b>{login}</b> (shown once, pass it on):{' '}
      <Box component="code" data-password sx={{ fontSize: 14 }}>
        {password}
      </Box>
    </Alert>
  );
}

function AddUser({ onMade }: { onMade: (login: string, password?: string) => void }) {
  const create = useCreateUser();
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [password, setPassword] = useState('');
  return (
    <Box
      component="form"
      aria-label="add user"
      sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        create.mutate(
          { login: login.trim(), name: name.trim() || login.trim(), role, ...(password ? { password } : {}) },
          { onSuccess: (r) => (onMade(login.trim().toLowerCase(), r.password), setLogin(''), setName(''), setPassword('')) },
        );
      }}
    >
      <TextField
        size="small"
        label="New login"
        value={login}
        onChange={(e) => setLogin(e.target.value)}
        required
        slotProps={{ htmlInput: { maxLength: 64 } }}
      />
      <TextField
        size="small"
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 256 } }}
      />
      <TextField
        size="small"
        select
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        sx={{ width: 120 }}
      >
        {ROLES.map((r) => (
          <MenuItem key={r} value={r}>
            {r}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        type="password"
        label="Password (optional)"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        helperText="Empty: one is made up"
        autoComplete="new-password"
      />
      <Button type="submit" variant="contained" disabled={create.isPending || !login.trim()} sx={{ alignSelf: 'flex-start' }}>
        Add user
      </Button>
    </Box>
  );
}

/** Admin → Users: add users, set roles, disable, reset passwords, see and revoke a user's API keys. */
export function UsersPage() {
  const me = useCurrentUser();
  const users = useUsers();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [shown, setShown] = useState<{ login: string; password: string } | null>(null);
  const [keysOf, setKeysOf] = useState<UserRow | null>(null);
  if (me.role !== 'admin') return <Alert severity="info">Only admins manage users.</Alert>;
  return (
    <Paper variant="outlined" sx={{ p: 3, maxWidth: 1100 }} component="section" aria-label="users">
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        Users
      </Typography>
      {shown && <OneTimePassword {...shown} onDone={() => setShown(null)} />}
      <AddUser onMade={(login, password) => password && setShown({ login, password })} />
      <TableContainer>
        <Table size="small" aria-label="user list">
          <TableHead>
            <TableRow>
              <TableCell>Login</TableCell>
              <TableCell>Name</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Enabled</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {(users.data ?? []).map((u) => (
              <TableRow key={u.id} data-user-login={u.login}>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>{u.login}</TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 120 }}>{u.name}</TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    select
                    value={u.role}
                    disabled={u.id === me.id}
                    slotProps={{ htmlInput: { 'aria-label': `role of ${u.login}` } }}
                    onChange={(e) => update.mutate({ user: u.id, role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <MenuItem key={r} value={r}>
                        {r}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
                <TableCell>
                  <Switch
                    checked={!u.disabled}
                    disabled={u.id === me.id}
                    slotProps={{ input: { 'aria-label': `${u.login} enabled` } }}
                    onChange={(e) => update.mutate({ user: u.id, disabled: !e.target.checked })}
                  />
                </TableCell>
                <TableCell align="right">
                  <Button size="small" aria-label={`API keys of ${u.login}`} onClick={() => setKeysOf(u)}>
                    API keys
                  </Button>
                  <Button
                    size="small"
                    aria-label={`reset password of ${u.login}`}
                    onClick={() => reset.mutate(u.id, { onSuccess: (r) => setShown({ login: u.login, password: r.password }) })}
                  >
                    Reset password
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <UserKeysDialog user={keysOf} onClose={() => setKeysOf(null)} />
    </Paper>
  );
}
