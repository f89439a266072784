import { useNavigate } from '@tanstack/react-router';
import type { DetailTab } from '../../features/task-detail';
import { searchFromView, type ScalarView } from '../../components/chart/scalar-view-search';

/** Opens a task's full page on a tab (with a Scalars view to keep); `project` null means the page's own project. */
export function useOpenTask(projectId: string) {
  const navigate = useNavigate();
  return (project: string | null, taskId: string, tab: DetailTab = 'execution', scalars?: ScalarView) =>
    void navigate({
      to: '/projects/$projectId/tasks/$taskId/$tab',
      params: { projectId: project ?? projectId, taskId, tab },
      search: scalars ? searchFromView(scalars) : {},
    });
}
