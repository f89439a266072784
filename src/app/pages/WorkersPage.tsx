import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../client/react';
import type { Queue } from '../../shared/entities';

/** Queues and what waits in them (workers arrive with the agent). */
export function WorkersPage() {
  const client = useApiClient();
  const queues = useQuery({
    queryKey: ['queues-page'],
    queryFn: async () => (await client.call<{ queues: Queue[] }>('queues.get_all', {})).queues,
    refetchInterval: 10_000,
  });
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 600, mb: 2 }}>Workers &amp; Queues</Typography>
      <Paper variant="outlined">
        <Table aria-label="queues">
          <TableHead>
            <TableRow>
              <TableCell>Queue</TableCell>
              <TableCell align="right">Pending tasks</TableCell>
              <TableCell>Oldest entry</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(queues.data ?? []).map((q) => (
              <TableRow key={q.id}>
                <TableCell>{q.display_name || q.name}{q.system_tags.includes('default') ? ' (default)' : ''}</TableCell>
                <TableCell align="right">{q.entries.length}</TableCell>
                <TableCell>{q.entries[0] ? new Date(q.entries[0].added).toLocaleString() : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}
