import Box from '@mui/material/Box';
import { useNavigate } from '@tanstack/react-router';
import { useTask, type DetailTab } from '../../features/task-detail';
import { ProjectBreadcrumbs } from './Breadcrumbs';
import { TaskDetailView } from './TaskDetailView';
import { useOpenTask } from './open-task';

export function TaskPage({ projectId, taskId, tab }: { projectId: string; taskId: string; tab: DetailTab }) {
  const navigate = useNavigate();
  const t = useTask(taskId).data;
  const open = useOpenTask(projectId);
  return (
    <Box>
      <ProjectBreadcrumbs projectId={t?.project ?? projectId} tail={t?.name} />
      <TaskDetailView
        taskId={taskId}
        tab={tab}
        onTab={(next) => open(projectId, taskId, next)}
        onOpen={open}
        onDeleted={() => void navigate({ to: '/projects/$projectId/tasks', params: { projectId } })}
      />
    </Box>
  );
}
