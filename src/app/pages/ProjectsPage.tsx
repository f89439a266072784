import Box from '@mui/material/Box';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FirstRun } from '../../features/first-run';
import { ProjectCards, useHasTasks, type ProjectView } from '../../features/projects';
import { useShowError } from '../errors';

export function ProjectsPage({ view, onView }: { view: ProjectView; onView: (v: ProjectView) => void }) {
  const navigate = useNavigate();
  const hasTasks = useHasTasks();
  const showError = useShowError();
  // The first demo task arrives (pushed) long before the last: the panel and its progress stay until the load ends.
  const [loadingDemo, setLoadingDemo] = useState(false);
  return (
    <Box>
      {(hasTasks.data === false || loadingDemo) && (
        <Box sx={{ mb: 4 }}>
          <FirstRun onLoading={setLoadingDemo} />
        </Box>
      )}
      <ProjectCards
        view={view}
        onView={onView}
        onOpen={(id) => void navigate({ to: '/projects/$projectId/tasks', params: { projectId: id } })}
        onError={showError}
      />
    </Box>
  );
}
