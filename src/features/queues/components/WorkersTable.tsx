import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import type { WorkerInfo } from '../../../shared/api/workers';
import { shortDuration, sinceIso } from '../format';
import { TaskLink, type Nav } from './TaskLink';
import TableContainer from '@mui/material/TableContainer';

/**
 * Live workers: a worker that stops reporting drops off after its timeout. A click on a row (or its name, from the
 * keyboard) picks the worker whose machine is drawn below.
 */
export function WorkersTable({
  workers,
  nav,
  selected,
  onSelect,
}: {
  workers: WorkerInfo[];
  nav: Nav;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const now = Date.now();
  return (
    <Paper variant="outlined">
      <Box sx={{ px: 2, py: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          Workers
        </Typography>
      </Box>
      {!workers.length ? (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          No worker is running. Start one with <code>npm run agent -- --queue default</code> (or{' '}
          <code>node bin/taskdeck.mjs agent --queue default</code>).
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label="workers">
            <TableHead>
              <TableRow>
                <TableCell>Worker</TableCell>
                <TableCell>Address</TableCell>
                <TableCell>Queues</TableCell>
                <TableCell>Current task</TableCell>
                <TableCell>Time on task</TableCell>
                <TableCell align="right">Iteration</TableCell>
                <TableCell>Last seen</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {workers.map((w) => (
                <TableRow
                  key={w.id}
                  data-worker={w.id}
                  hover
                  selected={w.id === selected}
                  aria-selected={w.id === selected}
                  onClick={() => onSelect(w.id)}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link
                      component="button"
                      color="inherit"
                      underline="hover"
                      aria-label={`show the machine of ${w.id}`}
                      sx={{ textAlign: 'left', overflowWrap: 'anywhere' }}
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelect(w.id);
                      }}
                    >
                      {w.id}
                    </Link>
                  </TableCell>
                  <TableCell>{w.ip || '—'}</TableCell>
                  <TableCell>
                    {w.queues.map((q) => (
                      <Chip key={q.id} size="small" label={q.name} title={q.name} sx={{ mr: 0.5, maxWidth: 240 }} />
                    ))}
                  </TableCell>
                  <TableCell data-col="task">
                    {w.task ? (
                      <TaskLink nav={nav} project={w.task.project} task={w.task.id}>
                        {w.task.name}
                      </TaskLink>
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        idle
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{w.task ? shortDuration(w.task.running_time) : '—'}</TableCell>
                  <TableCell align="right">{w.task ? w.task.last_iteration : '—'}</TableCell>
                  <TableCell>{sinceIso(w.last_activity_time, now)} ago</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}
