import DownloadIcon from '@mui/icons-material/Download';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { saveFile, toCsv } from '../../../components/chart/download';
import { colorFor } from '../../../components/chart/scalar-chart';
import type { Task } from '../../../shared/api/records';
import { formatValue, type ValueRow } from '../lib/values';

/** Past this many rows the table starts folded, so the charts show first (the CSV always has every row). */
const OPEN_ROWS = 50;

const signed = (v: number) => (v > 0 ? `+${formatValue(v)}` : formatValue(v));

/** Last, min, max and mean of each metric variant per task, diffs against the baseline, and a CSV of it all. */
export function ValuesTable({ rows, tasks, baseline }: { rows: ValueRow[]; tasks: Task[]; baseline: string | null }) {
  const [open, setOpen] = useState(rows.length <= OPEN_ROWS);
  const colour = new Map(tasks.map((t, i) => [t.id, colorFor(i)]));
  const base = tasks.find((t) => t.id === baseline);
  const download = () => {
    const header = ['task', 'task id', 'metric', 'variant', 'last', 'min', 'max', 'mean'];
    if (base) header.push(`last − ${base.name}`, `last − ${base.name} (%)`);
    const data = rows.map((r) => {
      const row: (string | number)[] = [r.task.name, r.task.id, r.metric, r.variant, r.last, r.min, r.max, r.mean ?? ''];
      if (base) row.push(r.diff ?? '', r.diffPct ?? '');
      return row;
    });
    saveFile(toCsv(header, data), 'compare-values.csv', 'text/csv;charset=utf-8');
  };
  return (
    <Box component="section" aria-label="values" sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Button color="inherit" aria-expanded={open} onClick={() => setOpen(!open)}>
          Values ({rows.length})
        </Button>
        {base && (
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            differences against {base.name}
          </Typography>
        )}
        <Button size="small" startIcon={<DownloadIcon />} onClick={download} sx={{ ml: 'auto' }}>
          CSV
        </Button>
      </Box>
      {open && (
        <TableContainer sx={{ maxHeight: 360 }}>
          {/* Scrolls sideways rather than breaking names mid-word beside the legend. */}
          <Table size="small" stickyHeader aria-label="last, min, max and mean values" sx={{ minWidth: 760 }}>
            <TableHead>
              <TableRow>
                <TableCell>Metric</TableCell>
                <TableCell>Variant</TableCell>
                <TableCell>Task</TableCell>
                <TableCell align="right">Last</TableCell>
                <TableCell align="right">Min</TableCell>
                <TableCell align="right">Max</TableCell>
                <TableCell align="right">Mean</TableCell>
                {base && <TableCell align="right">Last − baseline</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow
                  key={`${r.metric}\u0000${r.variant}\u0000${r.task.id}`}
                  data-task={r.task.id}
                  data-metric={r.metric}
                  data-variant={r.variant}
                  selected={r.task.id === baseline}
                >
                  <TableCell sx={{ overflowWrap: 'break-word', minWidth: 96 }}>{r.metric}</TableCell>
                  <TableCell sx={{ overflowWrap: 'break-word', minWidth: 96 }}>{r.variant}</TableCell>
                  <TableCell sx={{ overflowWrap: 'break-word', minWidth: 140, borderLeft: `4px solid ${colour.get(r.task.id)}` }}>
                    {r.task.name}
                  </TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {formatValue(r.last)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {formatValue(r.min)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {formatValue(r.max)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {r.mean === undefined ? '—' : formatValue(r.mean)}
                  </TableCell>
                  {base && (
                    <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                      {r.diff === undefined
                        ? '—'
                        : `${signed(r.diff)}${r.diffPct === undefined ? '' : ` (${signed(Number(r.diffPct.toFixed(2)))}%)`}`}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
