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
import { useDatasets } from '../api/queries';
import { datasetSummary, formatBytes } from '../lib/dataset-state';
import TableContainer from '@mui/material/TableContainer';

/** Every dataset by project: name, latest version, how many versions, files and size of the latest. */
export function DatasetList({ onOpen }: { onOpen: (projectId: string) => void }) {
  const datasets = useDatasets();
  const userName = useUserNames();
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const needle = filter.toLowerCase();
    return (datasets.data ?? [])
      .filter((d) => !needle || d.name.toLowerCase().includes(needle) || d.parent.toLowerCase().includes(needle))
      .sort((a, b) => a.parent.localeCompare(b.parent) || a.name.localeCompare(b.name));
  }, [datasets.data, filter]);
  if (datasets.isPending) return <CircularProgress aria-label="loading datasets" />;
  if (datasets.isError)
    return (
      <Typography color="error" role="alert">
        Could not load the datasets: {datasets.error.message}
      </Typography>
    );
  return (
    <Box>
      <TextField
        size="small"
        label="Filter datasets"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        sx={{ mb: 2, minWidth: 280 }}
      />
      <Paper variant="outlined">
        <TableContainer>
          <Table size="small" aria-label="datasets">
            <TableHead>
              <TableRow>
                <TableCell>Project</TableCell>
                <TableCell>Dataset</TableCell>
                <TableCell>Latest version</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Versions</TableCell>
                <TableCell align="right">Files</TableCell>
                <TableCell align="right">Size</TableCell>
                <TableCell>User</TableCell>
                <TableCell>Updated</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((d) => {
                const s = datasetSummary(d.latest.runtime);
                return (
                  <TableRow
                    key={d.projectId}
                    hover
                    sx={{ cursor: 'pointer' }}
                    data-dataset={d.name}
                    onClick={() => onOpen(d.projectId)}
                  >
                    <TableCell>{d.parent || '—'}</TableCell>
                    <TableCell sx={{ fontWeight: 600 }}>{d.name}</TableCell>
                    <TableCell>{s.version || '—'}</TableCell>
                    <TableCell>
                      <StatusBadge status={d.latest.status} />
                    </TableCell>
                    <TableCell align="right">{d.versions}</TableCell>
                    <TableCell align="right">{s.fileCount ?? '—'}</TableCell>
                    <TableCell align="right">{formatBytes(s.totalSize)}</TableCell>
                    <TableCell>{userName(d.latest.user)}</TableCell>
                    <TableCell>{new Date(d.latest.last_update).toLocaleString()}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
        {!rows.length && (
          <Typography color="text.secondary" role="status" sx={{ p: 4, textAlign: 'center' }}>
            {filter ? 'No dataset matches this filter.' : 'No datasets yet. Create one with clearml-data or Dataset.create(...).'}
          </Typography>
        )}
      </Paper>
    </Box>
  );
}
