import CloseIcon from '@mui/icons-material/Close';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import { isUnknownId } from '../../components/NotFound';
import { useTask } from '../../features/task-detail';
import { TaskDetailView, type TaskViewProps } from './TaskDetailView';
import { TaskNotFound } from './TaskNotFound';
import { useOpenTask } from './open-task';

/** The task detail beside the table, so the list stays in view; the full page is a click away. */
export function TaskPanel({
  projectId,
  onClose,
  onGone,
  ...view
}: TaskViewProps & {
  projectId: string;
  onClose: () => void;
  /** The task left the table's view (archived, restored, deleted). */
  onGone?: (ids: string[]) => void;
}) {
  const { taskId, tab, scalars } = view;
  const task = useTask(taskId);
  const t = task.data;
  const full = useOpenTask(projectId);
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label="task panel"
      sx={{
        flex: '0 0 58%',
        minWidth: 0,
        overflow: 'auto',
        p: 2,
        position: 'relative',
        // Narrower tabs than the full page's, so all eight show at 1440 px without a scroll arrow.
        '& .MuiTabs-root .MuiTab-root': { minWidth: 0, px: 1.25, textTransform: 'none', fontSize: 13.5 },
      }}
    >
      {/* Full width, over the title row: only its buttons take clicks, or it swallowed those on the name and the tags. */}
      <Box
        sx={{
          position: 'sticky',
          top: -16,
          zIndex: 2,
          display: 'flex',
          justifyContent: 'flex-end',
          gap: 0.5,
          mb: -5,
          pointerEvents: 'none',
          '& > *': { pointerEvents: 'auto' },
        }}
      >
        <Tooltip title="Open full page">
          <IconButton aria-label="open full page" size="small" onClick={() => full(t?.project ?? null, taskId, tab, scalars)}>
            <OpenInFullIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title="Close panel">
          <IconButton aria-label="close panel" size="small" onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {isUnknownId(task.error) ? (
        <TaskNotFound
          taskId={taskId}
          back={{ label: 'Close', href: `/projects/${encodeURIComponent(projectId)}/tasks`, navigate: onClose }}
        />
      ) : (
        <TaskDetailView
          {...view}
          onOpen={full}
          onDeleted={() => {
            onGone?.([view.taskId]);
            onClose();
          }}
          onLeftView={onGone}
        />
      )}
    </Paper>
  );
}
