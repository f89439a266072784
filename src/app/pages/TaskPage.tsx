import Box from '@mui/material/Box';
import { useNavigate } from '@tanstack/react-router';
import { isUnknownId } from '../../components/NotFound';
import { useDocumentTitle } from '../../components/document-title';
import { useTask } from '../../features/task-detail';
import { ProjectBreadcrumbs } from './Breadcrumbs';
import { TaskDetailView, type TaskViewProps } from './TaskDetailView';
import { TaskNotFound } from './TaskNotFound';
import { useOpenTask } from './open-task';

export function TaskPage({ projectId, ...view }: TaskViewProps & { projectId: string }) {
  const navigate = useNavigate();
  const task = useTask(view.taskId);
  const t = task.data;
  useDocumentTitle(t?.name);
  const open = useOpenTask(projectId);
  if (isUnknownId(task.error))
    return (
      <TaskNotFound
        taskId={view.taskId}
        back={{
          label: projectId === '*' ? 'All tasks' : "The project's tasks",
          href: `/projects/${encodeURIComponent(projectId)}/tasks`,
          navigate: (to) => void navigate({ to }),
        }}
      />
    );
  return (
    <Box>
      <ProjectBreadcrumbs projectId={t?.project ?? projectId} tail={t?.name} />
      <TaskDetailView
        {...view}
        onOpen={open}
        onDeleted={() => void navigate({ to: '/projects/$projectId/tasks', params: { projectId } })}
      />
    </Box>
  );
}
