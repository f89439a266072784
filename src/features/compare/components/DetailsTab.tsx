import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { Fragment, useMemo, useState } from 'react';
import type { Task } from '../../../shared/api/records';
import { compareRows, differsFromBase } from '../lib/diff';
import { useModelNames } from '../api/queries';
import { useUserNames } from '../../../components/UserName';

/** Characters of a value shown before "show all": a diff or a configuration is long, and most rows are not. */
const SHORT = 400;

/** A value, cut at SHORT characters until asked for whole. */
function LongValue({ text }: { text: string }) {
  const [whole, setWhole] = useState(false);
  if (whole || text.length <= SHORT) return <>{text}</>;
  return (
    <>
      {text.slice(0, SHORT)}…
      <Button size="small" onClick={() => setWhole(true)} sx={{ display: 'block', px: 0, minWidth: 0 }}>
        show all ({text.length.toLocaleString()} characters)
      </Button>
    </>
  );
}

/** A field's value differing from the others (no baseline), or from the baseline's. */
const DIFFERS = 'rgba(255, 193, 7, 0.22)';

/**
 * ClearML's details compare: each field a row, a task a column. Without a baseline a row whose values differ is marked
 * whole; with one, each value that differs from the baseline's.
 */
export function DetailsTab({
  tasks,
  onlyDiffs,
  onOnlyDiffs,
  baseline,
  onBaseline,
}: {
  tasks: Task[];
  onlyDiffs: boolean;
  onOnlyDiffs: (v: boolean) => void;
  baseline: string | null;
  onBaseline: (id: string | null) => void;
}) {
  const base = tasks.findIndex((t) => t.id === baseline);
  const userName = useUserNames();
  const models = useModelNames(tasks);
  const rows = useMemo(() => compareRows(tasks, userName, (id) => models.data?.get(id) ?? id), [tasks, userName, models.data]);
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      (!onlyDiffs || r.differs) && (!needle || r.key.toLowerCase().includes(needle) || r.group.toLowerCase().includes(needle)),
  );
  const groups = [...new Set(shown.map((r) => r.group))];
  return (
    <Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center', mb: 1 }}>
        <FormControlLabel
          control={<Switch checked={onlyDiffs} onChange={(e) => onOnlyDiffs(e.target.checked)} />}
          label="Show only differences"
        />
        <TextField size="small" label="Search fields" value={search} onChange={(e) => setSearch(e.target.value)} />
      </Box>
      <TableContainer sx={{ maxHeight: 'calc(100vh - 280px)' }}>
        <Table size="small" stickyHeader aria-label="compare details">
          <TableHead>
            <TableRow>
              <TableCell sx={{ minWidth: { xs: 96, sm: 180 } }}>Field</TableCell>
              {tasks.map((t, i) => (
                <TableCell
                  key={t.id}
                  data-baseline={i === base || undefined}
                  sx={{ minWidth: { xs: 132, sm: 160 }, fontWeight: 600, verticalAlign: 'top' }}
                >
                  <Box sx={{ overflowWrap: 'anywhere' }}>{t.name}</Box>
                  {i === base ? (
                    <Button size="small" onClick={() => onBaseline(null)} aria-label={`clear baseline ${t.name}`} sx={{ px: 0 }}>
                      baseline ×
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      color="inherit"
                      onClick={() => onBaseline(t.id)}
                      aria-label={`set ${t.name} as baseline`}
                      sx={{ px: 0, color: 'text.secondary', fontWeight: 400 }}
                    >
                      set baseline
                    </Button>
                  )}
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
                  .map((r) => {
                    const marked = base >= 0 ? differsFromBase(r, base) : r.values.map(() => r.differs);
                    return (
                      <TableRow key={`${g}/${r.key}`} data-row={r.key} data-differs={r.differs ? 'true' : 'false'}>
                        <TableCell sx={{ color: 'text.secondary', overflowWrap: 'anywhere' }}>{r.key}</TableCell>
                        {r.values.map((v, i) => (
                          <TableCell
                            key={i}
                            data-differs={marked[i] || undefined}
                            sx={{
                              fontFamily: 'monospace',
                              whiteSpace: 'pre-wrap',
                              wordBreak: 'break-all',
                              maxWidth: 360,
                              bgcolor: marked[i] ? DIFFERS : undefined,
                            }}
                          >
                            {v === undefined ? '—' : <LongValue text={v} />}
                          </TableCell>
                        ))}
                      </TableRow>
                    );
                  })}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {!shown.length && (
        <Box sx={{ p: 2, color: 'text.secondary' }}>
          {needle ? `No field matches “${search.trim()}”.` : 'The tasks do not differ.'}
        </Box>
      )}
    </Box>
  );
}
