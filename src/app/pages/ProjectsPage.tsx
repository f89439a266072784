import Box from '@mui/material/Box';
import { useNavigate } from '@tanstack/react-router';
import { FirstRun } from '../../features/first-run';
import { ProjectCards, useHasTasks } from '../../features/projects';
import { useShowError } from '../errors';

export function ProjectsPage() {
  const navigate = useNavigate();
  const hasTasks = useHasTasks();
  const showError = useShowError();
  return (
    <Box>
      {hasTasks.data === false && (
        <Box sx={{ mb: 4 }}>
          <FirstRun />
        </Box>
      )}
      <ProjectCards
        onOpen={(id) => void navigate({ to: '/projects/$projectId/tasks', params: { projectId: id } })}
        onError={showError}
      />
    </Box>
  );
}
