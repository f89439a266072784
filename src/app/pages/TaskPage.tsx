import Box from '@mui/material/Box';
import { useNavigate } from '@tanstack/react-router';
import { DetailLinksProvider, TaskDetail, useTask, type DetailTab } from '../../features/task-detail';

import { TaskActions } from '../../features/task-actions';
import { ProjectBreadcrumbs } from './Breadcrumbs';

export function TaskPage({ projectId, taskId, tab }: { projectId: string; taskId: string; tab: DetailTab }) {
  const navigate = useNavigate();
  const task = useTask(taskId);
  const t = task.data;
  const open = (p: string | null, id: string, to: DetailTab = 'execution') =>
    void navigate({ to: '/projects/$projectId/tasks/$taskId/$tab', params: { projectId: p ?? projectId, taskId: id, tab: to } });
  return (
    <DetailLinksProvider
      value={{
        project: (id) => `/projects/${id}/tasks`,
        task: (p, id) => `/projects/${p ?? '*'}/tasks/${id}/execution`,
        navigate: (href) => void navigate({ to: href }),
      }}
    >
      <Box>
        <ProjectBreadcrumbs projectId={t?.project ?? projectId} tail={t?.name} />
        <TaskDetail
          taskId={taskId}
          tab={tab}
          onTab={(next) => open(projectId, taskId, next)}
          actions={
            t && (
              <TaskActions
                tasks={[{ id: t.id, name: t.name, status: t.status, system_tags: t.system_tags, tags: t.tags, project: t.project }]}
                onCloned={(p, id) => open(p, id, 'configuration')}
                onDeleted={() => void navigate({ to: '/projects/$projectId/tasks', params: { projectId } })}
                onEdit={() => open(projectId, taskId, 'configuration')}
              />
            )
          }
        />
      </Box>
    </DetailLinksProvider>
  );
}
