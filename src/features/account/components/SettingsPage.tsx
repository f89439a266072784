import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCurrentUser } from '../../../client/current-user';
import { CredentialsSection } from './CredentialsSection';
import { PasswordSection } from './PasswordSection';

/** The signed-in user's own account: API key pairs and password. */
export function SettingsPage() {
  const me = useCurrentUser();
  return (
    <Stack spacing={3} sx={{ maxWidth: 980 }}>
      <div>
        <Typography variant="h5" component="h1">
          Settings
        </Typography>
        <Typography color="text.secondary">
          Signed in as {me.name} ({me.login}), role {me.role}.
        </Typography>
      </div>
      <CredentialsSection />
      <PasswordSection />
    </Stack>
  );
}
