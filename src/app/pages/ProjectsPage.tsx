import Box from '@mui/material/Box';
import { useNavigate } from '@tanstack/react-router';
import { FirstRun } from '../../features/first-run';
import { ProjectCards, useHasTasks } from '../../features/projects';
import { useShowError } from '../errors';
import { useSession } from '../session-context';

export function ProjectsPage() {
  const navigate = useNavigate();
  const hasTasks = useHasTasks();
  const session = useSession();
  const showError = useShowError();
  return (
    <Box>
      {hasTasks.data === false && (
        <Box sx={{ mb: 4 }}>
          <FirstRun accessKey={session.accessKey} secretKey={session.secretKey} />
        </Box>
      )}
      <ProjectCards onOpen={(id) => void navigate({ to: '/projects/$projectId/tasks', params: { projectId: id } })} onError={showError} />
    </Box>
  );
}
