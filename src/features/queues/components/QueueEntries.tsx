import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import { useViewerBlocker } from '../../../client/current-user';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutlined';
import VerticalAlignBottomIcon from '@mui/icons-material/VerticalAlignBottom';
import VerticalAlignTopIcon from '@mui/icons-material/VerticalAlignTop';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState, type ReactElement } from 'react';
import type { QueueEx } from '../../../shared/api/queues';
import { useClearQueue, useDequeue, useMoveEntry, useMoveToQueue, type EntryMove } from '../api/queries';
import { ClearQueueDialog } from './QueueDialogs';
import { sinceIso } from '../format';
import { TaskLink, type Nav } from './TaskLink';

const MOVES: { how: EntryMove; label: string; icon: ReactElement; disabled: (i: number, n: number) => boolean }[] = [
  { how: 'move_task_to_front', label: 'Move to top', icon: <VerticalAlignTopIcon fontSize="small" />, disabled: (i) => i === 0 },
  { how: 'move_task_forward', label: 'Move up', icon: <ArrowUpwardIcon fontSize="small" />, disabled: (i) => i === 0 },
  {
    how: 'move_task_backward',
    label: 'Move down',
    icon: <ArrowDownwardIcon fontSize="small" />,
    disabled: (i, n) => i === n - 1,
  },
  {
    how: 'move_task_to_back',
    label: 'Move to bottom',
    icon: <VerticalAlignBottomIcon fontSize="small" />,
    disabled: (i, n) => i === n - 1,
  },
];

/** The pending tasks of one queue, in the order agents will take them. */
export function QueueEntries({ queue, queues, nav }: { queue: QueueEx; queues: QueueEx[]; nav: Nav }) {
  const move = useMoveEntry();
  const dequeue = useDequeue();
  const moveTo = useMoveToQueue();
  const clear = useClearQueue();
  const [clearing, setClearing] = useState(false);
  const viewer = useViewerBlocker();
  // A viewer's controls stay disabled (the server refuses their changes too).
  const busy = move.isPending || dequeue.isPending || moveTo.isPending || clear.isPending || !!viewer;
  const others = queues.filter((q) => q.id !== queue.id);
  const now = Date.now();
  return (
    <Paper variant="outlined" aria-label={`tasks in queue ${queue.name}`} role="region">
      <Box sx={{ px: 2, py: 1, display: 'flex', alignItems: 'center' }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          Pending in {queue.display_name || queue.name} ({queue.entries.length})
        </Typography>
        {queue.entries.length > 0 && (
          <Button size="small" color="error" disabled={busy} onClick={() => setClearing(true)}>
            Clear queue
          </Button>
        )}
      </Box>
      <ClearQueueDialog
        queue={clearing ? queue.display_name || queue.name : null}
        pending={queue.entries.length}
        onClose={() => setClearing(false)}
        onClear={() => clear.mutate({ queue: queue.id }, { onSettled: () => setClearing(false) })}
      />
      {!queue.entries.length && (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          No tasks wait in this queue. Enqueue a Draft task from its page or the task table.
        </Typography>
      )}
      <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {queue.entries.map((e, i) => (
          <Box
            component="li"
            key={e.task.id}
            data-entry={e.task.name ?? e.task.id}
            sx={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'center',
              gap: 1,
              px: 2,
              py: 0.5,
              borderTop: 1,
              borderColor: 'divider',
            }}
          >
            <Typography sx={{ width: 28, color: 'text.secondary' }}>{i + 1}</Typography>
            {/* The name takes at least 160 px: where the row has no room for it and the controls, they wrap under it. */}
            <Box sx={{ flex: '1 1 160px', minWidth: 0 }}>
              <TaskLink nav={nav} project={e.task.project} task={e.task.id}>
                {e.task.name ?? e.task.id}
              </TaskLink>
              <Typography variant="caption" sx={{ color: 'text.secondary', ml: 1 }}>
                waiting {sinceIso(e.added, now)}
              </Typography>
            </Box>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, ml: 'auto' }}>
              {MOVES.map((m) => (
                <Tooltip key={m.how} title={m.label}>
                  <span>
                    <IconButton
                      size="small"
                      aria-label={`${m.label.toLowerCase()}: ${e.task.name ?? e.task.id}`}
                      disabled={busy || m.disabled(i, queue.entries.length)}
                      onClick={() => move.mutate({ queue: queue.id, task: e.task.id, how: m.how })}
                    >
                      {m.icon}
                    </IconButton>
                  </span>
                </Tooltip>
              ))}
              <TextField
                select
                size="small"
                label="Move to queue"
                value=""
                disabled={busy || !others.length}
                onChange={(ev) => moveTo.mutate({ from: queue.id, to: ev.target.value, task: e.task.id })}
                sx={{ width: 160 }}
              >
                {others.map((q) => (
                  <MenuItem key={q.id} value={q.id}>
                    {q.display_name || q.name}
                  </MenuItem>
                ))}
              </TextField>
              <Tooltip title="Remove from the queue (back to Draft)">
                <span>
                  <IconButton
                    size="small"
                    aria-label={`remove ${e.task.name ?? e.task.id} from queue`}
                    disabled={busy}
                    onClick={() => dequeue.mutate({ task: e.task.id })}
                  >
                    <RemoveCircleOutlineIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
            </Box>
          </Box>
        ))}
      </Box>
    </Paper>
  );
}
