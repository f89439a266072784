import Box from '@mui/material/Box';
import { useNavigate } from '@tanstack/react-router';
import { isUnknownId, NotFound } from '../../components/NotFound';
import { useTask, type DetailTab } from '../../features/task-detail';
import { ProjectBreadcrumbs } from './Breadcrumbs';
import { TaskDetailView } from './TaskDetailView';
import { useOpenTask } from './open-task';
import type { ScalarView } from '../../components/chart/scalar-view-search';

export function TaskPage({
  projectId,
  taskId,
  tab,
  onTab,
  scalars,
  onScalars,
}: {
  projectId: string;
  taskId: string;
  tab: DetailTab;
  /** Another tab of this task (its Scalars view kept). */
  onTab: (tab: DetailTab) => void;
  scalars: ScalarView;
  onScalars: (v: ScalarView, replace: boolean) => void;
}) {
  const navigate = useNavigate();
  const task = useTask(taskId);
  const t = task.data;
  const open = useOpenTask(projectId);
  if (isUnknownId(task.error))
    return (
      <NotFound
        title="Task not found"
        detail={`No task has the id ${taskId.slice(0, 64)}. It may have been deleted, or the link is wrong.`}
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
        taskId={taskId}
        tab={tab}
        onTab={onTab}
        scalars={scalars}
        onScalars={onScalars}
        onOpen={open}
        onDeleted={() => void navigate({ to: '/projects/$projectId/tasks', params: { projectId } })}
      />
    </Box>
  );
}
