import { useNavigate } from '@tanstack/react-router';
import type { DetailTab } from '../../features/task-detail';

/** Opens a task's full page on a tab; `project` null means the page's own project. */
export function useOpenTask(projectId: string) {
  const navigate = useNavigate();
  return (project: string | null, taskId: string, tab: DetailTab = 'execution') =>
    void navigate({ to: '/projects/$projectId/tasks/$taskId/$tab', params: { projectId: project ?? projectId, taskId, tab } });
}
