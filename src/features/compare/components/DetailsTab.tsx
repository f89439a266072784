import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Fragment, useMemo } from 'react';
import type { Task } from '../../../shared/api/records';
import { compareRows } from '../lib/diff';
import { useModelNames } from '../api/queries';
import { useUserNames } from '../../../components/UserName';

export function DetailsTab({
  tasks,
  onlyDiffs,
  onOnlyDiffs,
}: {
  tasks: Task[];
  onlyDiffs: boolean;
  onOnlyDiffs: (v: boolean) => void;
}) {
  const userName = useUserNames();
  const models = useModelNames(tasks);
  const rows = useMemo(() => compareRows(tasks, userName, (id) => models.data?.get(id) ?? id), [tasks, userName, models.data]);
  const shown = onlyDiffs ? rows.filter((r) => r.differs) : rows;
  const groups = [...new Set(shown.map((r) => r.group))];
  return (
    <Box>
      <FormControlLabel
        control={<Switch checked={onlyDiffs} onChange={(e) => onOnlyDiffs(e.target.checked)} />}
        label="Show only differences"
      />
      <TableContainer sx={{ maxHeight: 'calc(100vh - 280px)' }}>
        <Table size="small" stickyHeader aria-label="compare details">
          <TableHead>
            <TableRow>
              <TableCell sx={{ minWidth: { xs: 96, sm: 180 } }}>Field</TableCell>
              {tasks.map((t) => (
                <TableCell key={t.id} sx={{ minWidth: { xs: 132, sm: 160 }, fontWeight: 600 }}>
                  {t.name}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.map((g) => (
              <Fragment key={g}>
                <TableRow>
                  <TableCell colSpan={tasks.length + 1} sx={{ bgcolor: 'action.hover', fontWeight: 600 }}>
                    {g}
                  </TableCell>
                </TableRow>
                {shown
                  .filter((r) => r.group === g)
                  .map((r) => (
                    <TableRow key={`${g}/${r.key}`} data-row={r.key} data-differs={r.differs ? 'true' : 'false'}>
                      <TableCell sx={{ color: 'text.secondary', overflowWrap: 'anywhere' }}>{r.key}</TableCell>
                      {r.values.map((v, i) => (
                        <TableCell
                          key={i}
                          sx={{
                            fontFamily: 'monospace',
                            whiteSpace: 'pre-wrap',
                            wordBreak: 'break-all',
                            maxWidth: 360,
                            bgcolor: r.differs ? 'rgba(255, 193, 7, 0.22)' : undefined,
                          }}
                        >
                          {v === undefined ? '—' : v.length > 400 ? `${v.slice(0, 400)}…` : v}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {!shown.length && <Box sx={{ p: 2, color: 'text.secondary' }}>The tasks do not differ.</Box>}
    </Box>
  );
}
