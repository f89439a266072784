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

/** A running task's `runtime.progress` (ClearML's `Task.set_progress`, sent as text) as a whole percent, if it is one. */
export function progressPercent(progress: unknown): number | null {
  const n = typeof progress === 'number' ? progress : typeof progress === 'string' && progress.trim() ? Number(progress) : NaN;
  return Number.isFinite(n) ? Math.round(Math.min(100, Math.max(0, n))) : null;
}

/**
 * A task's status; a running one with a reported progress says how far it is, as ClearML's badge does (not at 0%,
 * which the SDK sets at the start of every run: nothing was reported yet).
 */
export function StatusBadge({ status, progress }: { status: TaskStatus; progress?: unknown }) {
  const reported = status === 'in_progress' ? progressPercent(progress) : null;
  const pct = reported ? reported : null;
  return (
    <Chip
      size="small"
      color={STATUS_PALETTE[status]}
      label={pct === null ? STATUS_LABELS[status] : `${STATUS_LABELS[status]} ${pct}%`}
      data-status={status}
      data-progress={pct ?? undefined}
    />
  );
}
