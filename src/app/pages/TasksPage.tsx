import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import AddIcon from '@mui/icons-material/Add';
import { NewTaskDialog, TaskActions } from '../../features/task-actions';
import type { DetailTab } from '../../features/task-detail';
import { TaskTable, useSelection, type TableState, type TaskRow } from '../../features/tasks';
import { ProjectBreadcrumbs } from './Breadcrumbs';
import { TaskPanel } from './TaskPanel';
import { useOpenTask } from './open-task';
import { useCanWrite } from '../../features/auth';
import { useProjectById } from '../../features/projects';
import { isUnknownId } from '../../components/NotFound';
import { useDocumentTitle } from '../../components/document-title';
import { ProjectNotFound } from './ProjectNotFound';
import type { ScalarView } from '../../components/chart/scalar-view-search';
import { MAX_COMPARED_TASKS } from '../../shared/api/events';

/** The task open beside the table (`?task=<id>&tab=<tab>`). */
export interface PanelState {
  task?: string;
  tab?: DetailTab;
}

export function TasksPage({
  projectId,
  state,
  panel,
  onState,
  onPanel,
  scalars,
  onScalars,
}: {
  projectId: string;
  state: TableState;
  panel: PanelState;
  onState: (s: TableState, replace?: boolean) => void;
  onPanel: (p: PanelState) => void;
  /** The panel's Scalars tab view (in the URL beside the table's). */
  scalars: ScalarView;
  onScalars: (v: ScalarView, replace: boolean) => void;
}) {
  const navigate = useNavigate();
  const openTask = useOpenTask(projectId);
  const [rowMenu, setRowMenu] = useState<{ row: TaskRow; at: { x: number; y: number } } | null>(null);
  const [creating, setCreating] = useState(false);
  const allProjects = projectId === '*';
  const canWrite = useCanWrite();
  const project = useProjectById(projectId);
  useDocumentTitle(allProjects ? 'All tasks' : project.data?.name);
  // Held here: the row menu and the side panel take the tasks they archive or delete out of it too.
  const selection = useSelection();
  const table = (
    <TaskTable
      selection={selection}
      projectId={projectId}
      state={state}
      onState={onState}
      current={panel.task}
      compact={!!panel.task}
      onOpen={(t) => onPanel({ task: t.id, tab: panel.tab ?? 'execution' })}
      onRowMenu={(row, at) => setRowMenu({ row, at })}
      selectionBar={(rows, drop) => (
        <>
          <Tooltip
            title={
              rows.length < 2
                ? 'Select at least two tasks to compare'
                : rows.length > MAX_COMPARED_TASKS
                  ? `A comparison holds at most ${MAX_COMPARED_TASKS} tasks`
                  : ''
            }
          >
            <span>
              <Button
                size="small"
                variant="outlined"
                disabled={rows.length < 2 || rows.length > MAX_COMPARED_TASKS}
                onClick={() => void navigate({ to: '/compare', search: { ids: rows.map((r) => r.id).join(',') } })}
              >
                Compare
              </Button>
            </span>
          </Tooltip>
          <TaskActions tasks={rows} onCloned={(p, id) => openTask(p, id, 'configuration')} onDeleted={drop} onLeftView={drop} />
        </>
      )}
    />
  );
  if (isUnknownId(project.error)) return <ProjectNotFound projectId={projectId} />;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <ProjectBreadcrumbs projectId={projectId} />
        </Box>
        {!allProjects && (
          <Button size="small" onClick={() => void navigate({ to: '/projects/$projectId/overview', params: { projectId } })}>
            Overview
          </Button>
        )}
        <Button
          size="small"
          onClick={() => void navigate({ to: allProjects ? '/models' : '/projects/$projectId/models', params: { projectId } })}
        >
          Models
        </Button>
        <Tooltip title={allProjects ? 'Open a project to create a task in it' : 'Define a task for an agent to run'}>
          <span>
            <Button size="small" startIcon={<AddIcon />} disabled={allProjects || !canWrite} onClick={() => setCreating(true)}>
              New task
            </Button>
          </span>
        </Tooltip>
      </Box>
      {!allProjects && (
        <NewTaskDialog
          open={creating}
          projectId={projectId}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            openTask(null, id);
          }}
        />
      )}
      <Box sx={{ display: 'flex', gap: 2, flex: 1, minHeight: 0 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0, minHeight: 0 }}>{table}</Box>
        {rowMenu && (
          <TaskActions
            key={rowMenu.row.id}
            variant="context"
            anchor={rowMenu.at}
            tasks={[rowMenu.row]}
            onCloned={(p, id) => openTask(p, id, 'configuration')}
            onDeleted={(ids) => {
              selection.drop(ids);
              setRowMenu(null);
            }}
            onLeftView={selection.drop}
          />
        )}
        {panel.task && (
          <TaskPanel
            key={panel.task}
            projectId={projectId}
            taskId={panel.task}
            tab={panel.tab ?? 'execution'}
            onTab={(tab) => onPanel({ task: panel.task, tab })}
            scalars={scalars}
            onScalars={onScalars}
            onClose={() => onPanel({})}
            onGone={selection.drop}
          />
        )}
      </Box>
    </Box>
  );
}
