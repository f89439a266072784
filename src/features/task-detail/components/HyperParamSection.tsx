import DeleteIcon from '@mui/icons-material/Delete';
import { useViewerBlocker } from '../../../client/current-user';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { ApiCallError } from '../../../client';
import type { ParamsItem, Task } from '../../../shared/api/records';
import { actionBlocker } from '../../../shared/task-actions';
import { useTaskCall } from '../api/mutations';
import { kindOf, normalizeParam, validateParam, type ParamKind } from '../lib/param-types';
import { EditBar } from './EditBar';
import { Section } from './Section';

const TYPES: ParamKind[] = ['str', 'int', 'float', 'bool', 'list'];
/**
 * Rows drawn at first, and added by each "Show more": a task may hold 10,000 parameters (--max-hyperparams), and a
 * table of them all held the page for 17 s (an editor of them all, with its inputs, for far longer).
 */
const ROWS_STEP = 200;

interface Row {
  name: string;
  value: string;
  type?: string;
  description?: string;
  isNew?: boolean;
}

/** The first row's problem, in order; names counted once (10,000 rows compared pairwise took a second a keystroke). */
function firstProblem(rows: Row[]): string | null {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const r of rows) {
    const name = r.name.trim();
    if (seen.has(name)) twice.add(name);
    seen.add(name);
  }
  for (const r of rows) {
    if (!r.name.trim()) return 'a parameter needs a name';
    if (twice.has(r.name.trim())) return `"${r.name}" appears twice`;
    const bad = validateParam(kindOf(r.type), r.value);
    if (bad) return `${r.name} ${bad}`;
  }
  return null;
}

/** One hyper-parameter section: a table to read, and in a Draft an editor with typed inputs. */
export function HyperParamSection({
  task,
  section,
  title,
  params,
  filter,
  parent,
}: {
  task: Task;
  section: string;
  title: string;
  params: ParamsItem[];
  filter: string;
  /** The parent task's values of this section, to highlight what changed. */
  parent?: Record<string, ParamsItem>;
}) {
  const [rows, setRows] = useState<Row[] | null>(null);
  // The section as it was when the edit began: what the save compares the rows with.
  const [base, setBase] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useTaskCall(task.id, 'tasks.edit_hyper_params');
  const drop = useTaskCall(task.id, 'tasks.delete_hyper_params');
  const viewer = useViewerBlocker();
  const why = viewer ?? (section === 'properties' ? null : actionBlocker('edit', task));
  const problem = rows ? firstProblem(rows) : null;
  const needle = filter.toLowerCase();
  const matches = (name: string, value: string) =>
    !needle || name.toLowerCase().includes(needle) || value.toLowerCase().includes(needle);
  const [limit, setLimit] = useState(ROWS_STEP);
  const found = params.filter((p) => matches(p.name, p.value));
  const shown = found.slice(0, limit);
  // While editing: the rows the filter keeps, judged by their values when the edit began (a row being typed in stays),
  // up to the limit, each with its place among all the rows being edited; then every row added, always in view.
  const began = new Map((base ?? []).map((r) => [r.name, r.value]));
  const kept = rows
    ? rows.map((r, i) => ({ r, i })).filter(({ r }) => !r.isNew && matches(r.name, began.get(r.name) ?? r.value))
    : [];
  const editShown = [...kept.slice(0, limit), ...(rows ?? []).flatMap((r, i) => (r.isNew ? [{ r, i }] : []))];
  const hidden = rows ? Math.max(0, kept.length - limit) : found.length - shown.length;

  async function onSave() {
    if (!rows) return;
    setError(null);
    try {
      const items = rows.map((r) => ({
        section,
        name: r.name.trim(),
        value: normalizeParam(kindOf(r.type), r.value),
        ...(r.type ? { type: r.type } : {}),
        ...(r.description ? { description: r.description } : {}),
      }));
      // A section saved empty is deleted, as ClearML's web app does. Otherwise only what this edit changed is sent:
      // the parameters removed, then those changed or added, merged into the section as the server holds it now, so
      // that a colleague's save of other parameters made meanwhile (on any server) is kept.
      if (!items.length) await drop.mutateAsync({ hyperparams: [{ section }] });
      else {
        const before = new Map((base ?? []).map((r) => [r.name, r]));
        const names = new Set(items.map((i) => i.name));
        const removed = [...before.keys()].filter((n) => !names.has(n));
        const changed = items.filter((i) => {
          const b = before.get(i.name);
          return (
            !b || b.value !== i.value || (b.type ?? '') !== (i.type ?? '') || (b.description ?? '') !== (i.description ?? '')
          );
        });
        if (removed.length) await drop.mutateAsync({ hyperparams: removed.map((name) => ({ section, name })) });
        if (changed.length) await save.mutateAsync({ hyperparams: changed, replace_hyperparams: 'none' });
      }
      setRows(null);
    } catch (e) {
      // Keep the user's edits on screen; say what the server said.
      setError(e instanceof ApiCallError ? e.detail : (e as Error).message);
    }
  }

  const changed = (p: { name: string; value: string }) => parent && parent[p.name]?.value !== p.value;
  const set = (i: number, patch: Partial<Row>) => setRows(rows!.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Section
      title={`${title} (${params.length})`}
      actions={
        <EditBar
          label={title}
          editing={!!rows}
          canEdit={!why}
          whyNot={why ?? ''}
          saving={save.isPending}
          invalid={problem}
          error={error}
          onEdit={() => {
            setError(null);
            const now = params.map((p) => ({ name: p.name, value: p.value, type: p.type, description: p.description }));
            setBase(now);
            setRows(now);
          }}
          onSave={() => void onSave()}
          onCancel={() => {
            setRows(null);
            setError(null);
          }}
        />
      }
    >
      <Table size="small" aria-label={`hyperparameters ${section}`}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Value</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Description</TableCell>
            {rows && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows
            ? editShown.map(({ r, i }) => {
                const kind = kindOf(r.type);
                const bad = validateParam(kind, r.value);
                return (
                  <TableRow key={i}>
                    <TableCell>
                      {r.isNew ? (
                        <TextField size="small" label="Name" value={r.name} onChange={(e) => set(i, { name: e.target.value })} />
                      ) : (
                        r.name
                      )}
                    </TableCell>
                    <TableCell>
                      {kind === 'bool' ? (
                        <Select
                          size="small"
                          value={/^true$/i.test(r.value) ? 'True' : 'False'}
                          onChange={(e) => set(i, { value: e.target.value })}
                          inputProps={{ 'aria-label': `value of ${r.name}` }}
                        >
                          <MenuItem value="True">True</MenuItem>
                          <MenuItem value="False">False</MenuItem>
                        </Select>
                      ) : (
                        <TextField
                          size="small"
                          fullWidth
                          value={r.value}
                          error={!!bad}
                          helperText={bad ?? ' '}
                          onChange={(e) => set(i, { value: e.target.value })}
                          slotProps={{
                            htmlInput: {
                              'aria-label': `value of ${r.name || 'new parameter'}`,
                              inputMode: kind === 'int' || kind === 'float' ? 'decimal' : undefined,
                            },
                          }}
                        />
                      )}
                    </TableCell>
                    <TableCell>
                      <Select
                        size="small"
                        value={kind}
                        onChange={(e) => set(i, { type: e.target.value })}
                        inputProps={{ 'aria-label': `type of ${r.name}` }}
                      >
                        {TYPES.map((t) => (
                          <MenuItem key={t} value={t}>
                            {t}
                          </MenuItem>
                        ))}
                      </Select>
                    </TableCell>
                    <TableCell>
                      <TextField
                        size="small"
                        value={r.description ?? ''}
                        onChange={(e) => set(i, { description: e.target.value })}
                        slotProps={{ htmlInput: { 'aria-label': `description of ${r.name}` } }}
                      />
                    </TableCell>
                    <TableCell>
                      <Tooltip title="Remove parameter">
                        <IconButton
                          aria-label={`remove ${r.name || 'new parameter'}`}
                          onClick={() => setRows(rows.filter((_, j) => j !== i))}
                        >
                          <DeleteIcon />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  </TableRow>
                );
              })
            : shown.map((p) => (
                <TableRow key={p.name} hover data-param={`${section}/${p.name}`} data-changed={changed(p) ? 'true' : undefined}>
                  <TableCell sx={{ fontWeight: 500 }}>{p.name}</TableCell>
                  <TableCell
                    sx={{
                      fontFamily: 'monospace',
                      wordBreak: 'break-all',
                      bgcolor: changed(p) ? 'rgba(255, 193, 7, 0.25)' : undefined,
                    }}
                  >
                    {changed(p) ? (
                      <Tooltip title={parent?.[p.name] ? `Parent: ${parent[p.name].value}` : 'Not in the parent task'}>
                        <span>{p.value}</span>
                      </Tooltip>
                    ) : (
                      p.value
                    )}
                  </TableCell>
                  <TableCell sx={{ color: 'text.secondary' }}>{p.type ?? ''}</TableCell>
                  <TableCell sx={{ color: 'text.secondary' }}>
                    {p.description && p.description !== 'None' ? p.description : ''}
                  </TableCell>
                </TableRow>
              ))}
        </TableBody>
      </Table>
      {hidden > 0 && (
        <Box sx={{ mt: 1, display: 'flex', gap: 1, alignItems: 'center', color: 'text.secondary' }} role="status">
          {`${hidden.toLocaleString('en-US')} more ${hidden === 1 ? 'parameter' : 'parameters'}${needle ? ' found' : ''}: filter to find one, or`}
          <Button size="small" onClick={() => setLimit(limit + ROWS_STEP)}>
            Show {Math.min(hidden, ROWS_STEP)} more
          </Button>
        </Box>
      )}
      {rows && (
        <Box sx={{ mt: 1 }}>
          <Button size="small" onClick={() => setRows([...rows, { name: '', value: '', type: 'str', isNew: true }])}>
            Add parameter
          </Button>
        </Box>
      )}
      {!rows && params.length > 0 && !shown.length && <Box color="text.secondary">No parameter matches “{filter}”.</Box>}
    </Section>
  );
}
