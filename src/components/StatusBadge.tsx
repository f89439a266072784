import Chip from '@mui/material/Chip';
import { STATUS_LABELS, type TaskStatus } from '../shared/task-state';

/** The theme palette a status is drawn in (its badge, its points on a chart). */
export const STATUS_PALETTE: Record<TaskStatus, 'default' | 'info' | 'primary' | 'success' | 'error' | 'warning' | 'secondary'> =
  {
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
  return <Chip size="small" color={STATUS_PALETTE[status]} label={STATUS_LABELS[status]} data-status={status} />;
}
