import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useNavigate } from '@tanstack/react-router';
import { MetricSnapshot, OutputDestination, ProjectOverview, useProjectById } from '../../features/projects';
import { useOpenTask } from './open-task';
import { isUnknownId } from '../../components/NotFound';
import { ProjectNotFound } from './ProjectNotFound';
import { ProjectBreadcrumbs } from './Breadcrumbs';

/** A project's overview: its description, with the way to its tasks and models. */
export function ProjectOverviewPage({ projectId }: { projectId: string }) {
  const navigate = useNavigate();
  const project = useProjectById(projectId);
  const openTask = useOpenTask(projectId);
  if (isUnknownId(project.error)) return <ProjectNotFound projectId={projectId} />;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <ProjectBreadcrumbs projectId={projectId} tail="Overview" />
        </Box>
        <Button size="small" onClick={() => void navigate({ to: '/projects/$projectId/tasks', params: { projectId } })}>
          Tasks
        </Button>
        <Button size="small" onClick={() => void navigate({ to: '/projects/$projectId/models', params: { projectId } })}>
          Models
        </Button>
      </Box>
      <ProjectOverview projectId={projectId} />
      <OutputDestination projectId={projectId} />
      <MetricSnapshot projectId={projectId} onOpenTask={(project, id) => openTask(project, id)} />
    </Box>
  );
}
