import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useViewerBlocker } from '../../../client/current-user';
import EditIcon from '@mui/icons-material/EditOutlined';
import MoveIcon from '@mui/icons-material/DriveFileMoveOutlined';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { formatDuration } from '../../../shared/duration';
import { STATUS_LABELS, type TaskStatus } from '../../../shared/task-state';
import type { ProjectWithStats } from '../api/queries';

/** The statuses counted on a card, in lifecycle order. */
const COUNTED: TaskStatus[] = ['created', 'queued', 'in_progress', 'completed', 'failed', 'stopped', 'published'];

function Stat({ label, value, color }: { label: string; value: string | number; color?: string }) {
  return (
    <Box data-stat={label}>
      <Typography variant="h6" component="div" sx={{ color, lineHeight: 1.1 }}>
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

/** A project: its tasks by status, what runs now, compute time and last update (sub-projects included). */
export function ProjectCard({
  project: p,
  onOpen,
  onRename,
  onMove,
  onDelete,
}: {
  project: ProjectWithStats;
  onOpen: () => void;
  onRename: () => void;
  onMove: () => void;
  onDelete: () => void;
}) {
  const s = p.stats?.active;
  const viewer = useViewerBlocker();
  const count = (st: TaskStatus) => s?.status_count[st] ?? 0;
  return (
    <Card variant="outlined" data-project-card={p.name}>
      <CardActionArea onClick={onOpen} aria-label={`open project ${p.name}`}>
        <CardContent>
          <Typography variant="overline" color="text.secondary" noWrap sx={{ display: 'block' }}>
            {p.name.split('/').slice(0, -1).join(' / ') || ' '}
          </Typography>
          <Typography variant="h6" component="h2" noWrap title={p.name}>
            {p.basename}
          </Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2.5, rowGap: 1, mt: 1.5 }}>
            <Stat label="tasks" value={s?.total_tasks ?? 0} />
            <Stat label="running" value={count('in_progress')} color={count('in_progress') ? 'primary.main' : undefined} />
            <Stat label="done in 24 h" value={s?.completed_tasks_24h ?? 0} />
            <Stat label="compute" value={formatDuration((s?.total_runtime ?? 0) * 1000)} />
          </Box>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 1.5, minHeight: 22 }} aria-label="tasks by status">
            {COUNTED.filter((st) => count(st) > 0).map((st) => (
              <Chip
                key={st}
                size="small"
                variant="outlined"
                data-status-count={st}
                color={st === 'failed' ? 'error' : st === 'in_progress' ? 'primary' : 'default'}
                label={`${STATUS_LABELS[st]} ${count(st)}`}
                sx={{ height: 20, fontSize: 11.5 }}
              />
            ))}
          </Box>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }} data-stat="updated">
            {s?.last_task_run ? `Updated ${new Date(s.last_task_run).toLocaleString()}` : 'No tasks yet'}
          </Typography>
        </CardContent>
      </CardActionArea>
      <CardActions sx={{ pt: 0 }}>
        {p.own_tasks !== undefined && p.own_tasks !== (s?.total_tasks ?? 0) && (
          <Chip size="small" label={`${(s?.total_tasks ?? 0) - p.own_tasks} in sub-projects`} />
        )}
        <Box sx={{ flex: 1 }} />
        <Tooltip title={viewer ?? 'Rename'}>
          <span>
            <IconButton size="small" aria-label={`rename ${p.name}`} disabled={!!viewer} onClick={onRename}>
              <EditIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={viewer ?? 'Move'}>
          <span>
            <IconButton size="small" aria-label={`move ${p.name}`} disabled={!!viewer} onClick={onMove}>
              <MoveIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={viewer ?? 'Delete'}>
          <span>
            <IconButton size="small" aria-label={`delete ${p.name}`} disabled={!!viewer} onClick={onDelete}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
      </CardActions>
    </Card>
  );
}
