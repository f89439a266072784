import AddIcon from '@mui/icons-material/Add';
import { useViewerBlocker } from '../../../client/current-user';
import { ReadOnlyTip } from '../../../components/ReadOnlyTip';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { QueueEx } from '../../../shared/api/queues';
import { useCreateQueue, useDeleteQueue, useRenameQueue } from '../api/queries';
import { sinceIso } from '../format';
import { DeleteQueueDialog, QueueNameDialog } from './QueueDialogs';
import TableContainer from '@mui/material/TableContainer';

const label = (q: QueueEx) => q.display_name || q.name;

/** Every queue: workers serving it, next task, length, longest wait; select one to see its tasks. */
export function QueuesTable({
  queues,
  selected,
  onSelect,
}: {
  queues: QueueEx[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<QueueEx | null>(null);
  const [deleting, setDeleting] = useState<QueueEx | null>(null);
  const create = useCreateQueue();
  const rename = useRenameQueue();
  const remove = useDeleteQueue();
  const now = Date.now();
  const viewer = useViewerBlocker();
  return (
    <Paper variant="outlined">
      <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          Queues
        </Typography>
        <ReadOnlyTip>
          <Button size="small" startIcon={<AddIcon />} disabled={!!viewer} onClick={() => setCreating(true)}>
            New queue
          </Button>
        </ReadOnlyTip>
      </Box>
      <TableContainer>
        <Table size="small" aria-label="queues">
          <TableHead>
            <TableRow>
              <TableCell>Queue</TableCell>
              <TableCell align="right">Workers</TableCell>
              <TableCell>Next task</TableCell>
              <TableCell align="right">In queue</TableCell>
              <TableCell>Longest wait</TableCell>
              <TableCell>Last updated</TableCell>
              <TableCell padding="checkbox" />
            </TableRow>
          </TableHead>
          <TableBody>
            {queues.map((q) => (
              <TableRow
                key={q.id}
                hover
                selected={q.id === selected}
                onClick={() => onSelect(q.id)}
                sx={{ cursor: 'pointer' }}
                data-queue={q.name}
                aria-selected={q.id === selected}
              >
                <TableCell sx={{ maxWidth: 360, overflowWrap: 'anywhere' }}>
                  {label(q)}
                  {q.system_tags.includes('default') && <Chip size="small" label="default" sx={{ ml: 1 }} />}
                </TableCell>
                <TableCell align="right">{q.workers.length}</TableCell>
                <TableCell sx={{ maxWidth: 280, overflowWrap: 'anywhere' }}>{q.entries[0]?.task.name ?? '—'}</TableCell>
                <TableCell align="right" data-col="length">
                  {q.entries.length}
                </TableCell>
                <TableCell>{q.entries[0] ? sinceIso(q.entries[0].added, now) : '—'}</TableCell>
                <TableCell>{sinceIso(q.last_update, now)} ago</TableCell>
                <TableCell padding="checkbox" sx={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
                  <Tooltip title={viewer ?? 'Rename'}>
                    <span>
                      <IconButton
                        size="small"
                        aria-label={`rename queue ${q.name}`}
                        disabled={!!viewer}
                        onClick={() => setRenaming(q)}
                      >
                        <EditOutlinedIcon fontSize="small" />
                      </IconButton>
                    </span>
                  </Tooltip>
                  <Tooltip title={viewer ?? 'Delete'}>
                    <span>
                      <IconButton
                        size="small"
                        aria-label={`delete queue ${q.name}`}
                        disabled={!!viewer}
                        onClick={() => setDeleting(q)}
                      >
                        <DeleteOutlineIcon fontSize="small" />
                      </IconButton>
                    </span>
                  </Tooltip>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <QueueNameDialog
        open={creating}
        title="New queue"
        initial=""
        action="Create"
        onClose={() => setCreating(false)}
        onSubmit={(name) => create.mutate(name, { onSuccess: () => setCreating(false) })}
      />
      <QueueNameDialog
        open={!!renaming}
        title={`Rename queue "${renaming ? label(renaming) : ''}"`}
        initial={renaming ? label(renaming) : ''}
        action="Rename"
        onClose={() => setRenaming(null)}
        onSubmit={(name) => renaming && rename.mutate({ queue: renaming.id, name }, { onSuccess: () => setRenaming(null) })}
      />
      <DeleteQueueDialog
        queue={deleting ? label(deleting) : null}
        pending={deleting?.entries.length ?? 0}
        workers={deleting?.workers.map((w) => w.name) ?? []}
        onClose={() => setDeleting(null)}
        onDelete={(force) => deleting && remove.mutate({ queue: deleting.id, force }, { onSuccess: () => setDeleting(null) })}
      />
    </Paper>
  );
}
