import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { StatusBadge } from '../../../components/StatusBadge';
import { useUserNames } from '../../../components/UserName';
import { usePipelineRuns } from '../api/queries';
import TableContainer from '@mui/material/TableContainer';

/** `a/b/.pipelines/name` → the project the pipeline belongs to (`a/b`). */
export function pipelineProject(projectName: string): string {
  const i = projectName.lastIndexOf('/.pipelines/');
  return i >= 0 ? projectName.slice(0, i) : projectName;
}

/** Every pipeline run (controller task), newest first. */
export function PipelineRuns({ onOpen }: { onOpen: (id: string) => void }) {
  const runs = usePipelineRuns();
  const userName = useUserNames();
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const needle = filter.toLowerCase();
    return (runs.data ?? []).filter(
      (r) => !needle || r.name.toLowerCase().includes(needle) || r.projectName.toLowerCase().includes(needle),
    );
  }, [runs.data, filter]);
  if (runs.isPending) return <CircularProgress aria-label="loading pipelines" />;
  if (runs.isError)
    return (
      <Typography color="error" role="alert">
        Could not load the pipelines: {runs.error.message}
      </Typography>
    );
  return (
    <Box>
      <TextField
        size="small"
        label="Filter pipelines"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        sx={{ mb: 2, minWidth: 280 }}
      />
      <Paper variant="outlined">
        <TableContainer>
          <Table size="small" aria-label="pipeline runs">
            <TableHead>
              <TableRow>
                <TableCell>Pipeline</TableCell>
                <TableCell>Project</TableCell>
                <TableCell>Version</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>User</TableCell>
                <TableCell>Started</TableCell>
                <TableCell>Updated</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} hover sx={{ cursor: 'pointer' }} data-run={r.id} onClick={() => onOpen(r.id)}>
                  <TableCell sx={{ fontWeight: 600 }}>{r.name}</TableCell>
                  <TableCell>{pipelineProject(r.projectName) || '—'}</TableCell>
                  <TableCell>{typeof r.runtime?.version === 'string' ? r.runtime.version : '—'}</TableCell>
                  <TableCell>
                    <StatusBadge status={r.status} progress={r.runtime?.progress} />
                  </TableCell>
                  <TableCell>{userName(r.user)}</TableCell>
                  <TableCell>{r.started ? new Date(r.started).toLocaleString() : '—'}</TableCell>
                  <TableCell>{new Date(r.last_update).toLocaleString()}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {!rows.length && (
          <Typography color="text.secondary" role="status" sx={{ p: 4, textAlign: 'center' }}>
            {filter
              ? 'No pipeline matches this filter.'
              : 'No pipeline runs yet. Run a PipelineController or a @PipelineDecorator pipeline.'}
          </Typography>
        )}
      </Paper>
    </Box>
  );
}
