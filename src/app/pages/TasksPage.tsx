import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { useNavigate } from '@tanstack/react-router';
import { TaskActions } from '../../features/task-actions';
import { TaskTable, type TableState } from '../../features/tasks';
import { ProjectBreadcrumbs } from './Breadcrumbs';

export function TasksPage({ projectId, state, onState }: { projectId: string; state: TableState; onState: (s: TableState) => void }) {
  const navigate = useNavigate();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <ProjectBreadcrumbs projectId={projectId} />
      <TaskTable
        projectId={projectId}
        state={state}
        onState={onState}
        onOpen={(t) => void navigate({ to: '/projects/$projectId/tasks/$taskId/$tab', params: { projectId: t.project ?? projectId, taskId: t.id, tab: 'execution' } })}
        selectionBar={(rows, clear) => (
          <>
            <Tooltip title={rows.length < 2 ? 'Select at least two tasks to compare' : ''}>
              <span>
                <Button size="small" variant="outlined" disabled={rows.length < 2} onClick={() => void navigate({ to: '/compare', search: { ids: rows.map((r) => r.id).join(',') } })}>
                  Compare
                </Button>
              </span>
            </Tooltip>
            <TaskActions
              tasks={rows.map((r) => ({ id: r.id, name: r.name, status: r.status, system_tags: r.system_tags, tags: r.tags, project: r.project }))}
              onCloned={(p, id) => void navigate({ to: '/projects/$projectId/tasks/$taskId/$tab', params: { projectId: p ?? projectId, taskId: id, tab: 'configuration' } })}
              onDeleted={clear}
            />
          </>
        )}
      />
    </Box>
  );
}
