import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useMemo, useState } from 'react';
import { compareCodeUnits } from '../../../shared/code-units';
import type { LastMetrics } from '../../../shared/api/records';
import { formatValue } from '../lib/format';
import { Section } from './Section';

/** Rows drawn before "Show all": a task keeps up to 2,000 metric/variant pairs. */
const FIRST_ROWS = 100;

const at = (value: number | undefined, iter: number | undefined) =>
  value === undefined ? '—' : iter === undefined ? formatValue(value) : `${formatValue(value)} @ ${iter}`;

/**
 * ClearML's table view of a task's scalars: per metric and variant its last, lowest, highest and first value (with
 * their iterations) and the mean of its points, as the task keeps them (`last_metrics`, no series read). Folded until asked for.
 */
export function MetricSummary({ metrics }: { metrics: LastMetrics | undefined }) {
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const rows = useMemo(
    () =>
      Object.values(metrics ?? {})
        .flatMap((variants) => Object.values(variants))
        .sort((a, b) => compareCodeUnits(a.metric, b.metric) || compareCodeUnits(a.variant, b.variant)),
    [metrics],
  );
  if (!rows.length) return null;
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <Section
      title="Metric summary"
      actions={
        <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide' : `Show ${rows.length} series`}
        </Button>
      }
    >
      {open && (
        <TableContainer>
          <Table size="small" aria-label="metric summary">
            <TableHead>
              <TableRow>
                <TableCell>Metric</TableCell>
                <TableCell>Variant</TableCell>
                <TableCell align="right">Last</TableCell>
                <TableCell align="right">Min</TableCell>
                <TableCell align="right">Max</TableCell>
                <TableCell align="right">First</TableCell>
                <TableCell align="right">Mean</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((m) => (
                <TableRow key={`${m.metric}\0${m.variant}`}>
                  <TableCell>{m.metric}</TableCell>
                  <TableCell>{m.variant}</TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {at(m.value, m.iter)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {at(m.min_value, m.min_value_iteration)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {at(m.max_value, m.max_value_iteration)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {at(m.first_value, m.first_value_iteration)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontFamily: 'monospace' }}>
                    {at(m.mean_value, undefined)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {shown.length < rows.length && (
            <Button size="small" onClick={() => setAll(true)}>
              Show all {rows.length}
            </Button>
          )}
        </TableContainer>
      )}
    </Section>
  );
}
