import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useViewerBlocker } from '../../../client/current-user';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { Task } from '../../../shared/api/records';
import { STATUS_LABELS } from '../../../shared/task-state';
import { useUpdateTask } from '../api/mutations';
import { useProject, useTaskName } from '../api/queries';
import { formatDate, taskDuration } from '../lib/format';
import { EditableText } from './EditableText';
import { TagEditor } from './TagEditor';
import { AppLink, useDetailLinks } from './links';
import { StatusBadge } from '../../../components/StatusBadge';
import { useUserNames } from '../../../components/UserName';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

/** The task's identity and times; `actions` is where the app puts the lifecycle buttons. */
export function TaskHeader({ task, actions }: { task: Task; actions?: ReactNode }) {
  const project = useProject(task.project);
  const parent = useTaskName(task.parent);
  const links = useDetailLinks();
  const update = useUpdateTask(task.id);
  const viewer = useViewerBlocker();
  const userName = useUserNames();
  // A reason that only repeats the status (the SDK closes with "completed") says nothing new.
  const statusNote = [task.status_reason, task.status_message]
    .filter((s) => s && s.toLowerCase() !== task.status && s.toLowerCase() !== STATUS_LABELS[task.status].toLowerCase())
    .join(' — ');
  return (
    <Box component="header" sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <EditableText
          value={task.name}
          label="Name"
          editable={!viewer}
          disabledReason={viewer ?? ''}
          onSave={(name) => update.mutateAsync({ name })}
        >
          {(name) => (
            <Typography variant="h5" component="h1" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
              {name}
            </Typography>
          )}
        </EditableText>
        <StatusBadge status={task.status} progress={task.runtime?.progress} />
        <Chip size="small" variant="outlined" label={task.type} />
        <TagEditor tags={task.tags} readOnly={viewer} onChange={(tags) => update.mutateAsync({ tags })} />
        <Box sx={{ flex: 1 }} />
        {actions}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'text.secondary' }}>
        <Typography variant="body2" sx={{ fontFamily: 'monospace' }} data-testid="task-id">
          {task.id}
        </Typography>
        <Tooltip title="Copy id">
          <IconButton size="small" aria-label="copy task id" onClick={() => void navigator.clipboard?.writeText(task.id)}>
            <ContentCopyIcon fontSize="inherit" />
          </IconButton>
        </Tooltip>
        {statusNote && (
          <Typography variant="body2" sx={{ ml: 2 }} data-testid="status-reason">
            {statusNote}
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', mt: 1.5 }}>
        <Fact label="Project">
          {task.project ? <AppLink href={links.project(task.project)}>{project.data?.name ?? '…'}</AppLink> : '—'}
        </Fact>
        <Fact label="Parent task">
          {task.parent && parent.data ? (
            <AppLink href={links.task(parent.data.project, task.parent)}>{parent.data.name}</AppLink>
          ) : task.parent ? (
            'deleted'
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="User">{userName(task.user)}</Fact>
        <Fact label="Created">{formatDate(task.created)}</Fact>
        <Fact label="Started">{formatDate(task.started)}</Fact>
        <Fact label="Last update">{formatDate(task.last_update)}</Fact>
        <Fact label="Completed">{formatDate(task.completed)}</Fact>
        <Fact label="Duration">{taskDuration(task)}</Fact>
        <Fact label="Iteration">{task.last_iteration}</Fact>
      </Box>
    </Box>
  );
}
