import Chip from '@mui/material/Chip';
import { STATUS_LABELS, type TaskStatus } from '../shared/task-state';

const COLORS: Record<TaskStatus, 'default' | 'info' | 'primary' | 'success' | 'error' | 'warning' | 'secondary'> = {
  created: 'default',
  queued: 'info',
  in_progress: 'primary',
  completed: 'success',
  closed: 'success',
  failed: 'error',
  stopped: 'warning',
  published: 'secondary',
  publishing: 'secondary',
  unknown: 'default',
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  return <Chip size="small" color={COLORS[status]} label={STATUS_LABELS[status]} data-status={status} />;
}
