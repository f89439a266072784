import { useNavigate } from '@tanstack/react-router';
import type { ScalarView } from '../../components/chart/scalar-view-search';
import { TaskActions } from '../../features/task-actions';
import { DetailLinksProvider, TaskDetail, useTask, type DetailTab } from '../../features/task-detail';

/** Which task a view shows, on which tab and Scalars view, and how it changes them (the URL's state). */
export interface TaskViewProps {
  taskId: string;
  tab: DetailTab;
  /** Another tab of this task (its Scalars view kept). */
  onTab: (tab: DetailTab) => void;
  scalars: ScalarView;
  onScalars: (v: ScalarView, replace: boolean) => void;
}

/** The task detail with its actions and the app's links: the body of the task page and of the side panel. */
export function TaskDetailView({
  taskId,
  tab,
  onTab,
  scalars,
  onScalars,
  onOpen,
  onDeleted,
  onLeftView,
}: TaskViewProps & {
  /** Opens a task (a clone, say) on its full page. */
  onOpen: (projectId: string | null, taskId: string, tab: DetailTab) => void;
  onDeleted: () => void;
  /** After the task was archived or restored (it left the table's view). */
  onLeftView?: (ids: string[]) => void;
}) {
  const navigate = useNavigate();
  const t = useTask(taskId).data;
  return (
    <DetailLinksProvider
      value={{
        project: (id) => `/projects/${id}/tasks`,
        task: (p, id) => `/projects/${p ?? '*'}/tasks/${id}/execution`,
        model: (id) => `/models/${id}/general`,
        navigate: (href) => void navigate({ to: href }),
      }}
    >
      <TaskDetail
        taskId={taskId}
        tab={tab}
        onTab={onTab}
        scalars={scalars}
        onScalars={onScalars}
        actions={
          t && (
            <TaskActions
              tasks={[t]}
              onCloned={(p, id) => onOpen(p, id, 'configuration')}
              onDeleted={onDeleted}
              onLeftView={onLeftView}
              onEdit={() => onTab('configuration')}
            />
          )
        }
      />
    </DetailLinksProvider>
  );
}
