import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type ReactNode } from 'react';
import { nextSort, sortKeysOf } from '../../../components/table/sort-keys';
import { useHeaderTabStop } from '../../../components/table/header-tab-stop';
import { sortableHeader, SortMark } from '../../../components/table/sortable-header';
import { useUserNames } from '../../../components/UserName';
import type { Model } from '../../../shared/api/records';
import { DEFAULT_SORT, MAX_ROWS, useModelChoices, useModelRows, useTaskNames, type ModelFilters } from '../api/queries';
import { ModelActions } from './ModelActions';

const SORTABLE: [string, string][] = [
  ['name', 'Name'],
  ['framework', 'Framework'],
  ['ready', 'Status'],
  ['created', 'Created'],
  ['user', 'User'],
];

function Filter({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value?: string;
  options: [string, string][];
  onChange: (v?: string) => void;
}) {
  const id = `model-filter-${label}`;
  return (
    <FormControl size="small" sx={{ minWidth: 150 }}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select labelId={id} label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <MenuItem value="">Any</MenuItem>
        {options.map(([v, l]) => (
          <MenuItem key={v} value={v}>
            {l}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

export interface ModelTableProps {
  filters: ModelFilters;
  onFilters: (f: ModelFilters) => void;
  onOpen: (m: Model) => void;
  onOpenTask: (projectId: string | null, taskId: string) => void;
}

/** Models of a project (or all): filters, server-side sort, metadata columns, and actions on a selection. */
export function ModelTable({ filters, onFilters, onOpen, onOpenTask }: ModelTableProps) {
  const rows = useModelRows(filters);
  const choices = useModelChoices(filters.projectId);
  const tasks = useTaskNames((rows.data ?? []).map((m) => m.task).filter((t): t is string => !!t));
  const userName = useUserNames();
  const [metaCols, setMetaCols] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const metaKeys = useMemo(
    () => [...new Set((rows.data ?? []).flatMap((m) => Object.keys(m.metadata ?? {})))].sort(),
    [rows.data],
  );
  const set = (patch: Partial<ModelFilters>) => onFilters({ ...filters, ...patch });
  const sortKeys = sortKeysOf(filters, DEFAULT_SORT);
  const sortBy = (field: string, add: boolean) => set(nextSort(filters, field, add, DEFAULT_SORT));
  const selectedRows = (rows.data ?? []).filter((m) => selected.has(m.id));
  const tabStop = useHeaderTabStop(SORTABLE.map(([f]) => f));
  const header = (field: string, label: string): ReactNode => {
    const sorts = sortableHeader(sortKeys, field, sortBy, tabStop.of(field));
    return (
      <TableCell
        key={field}
        data-column={field}
        {...sorts.props}
        sx={{
          cursor: 'pointer',
          whiteSpace: 'nowrap',
          fontWeight: 600,
          userSelect: 'none',
          '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
        }}
      >
        {label}
        <SortMark place={sorts.place} rank={sorts.rank} />
      </TableCell>
    );
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          size="small"
          label="Search models"
          value={filters.search ?? ''}
          onChange={(e) => set({ search: e.target.value.slice(0, 200) || undefined })}
        />
        <Filter
          label="Framework"
          value={filters.framework}
          options={(choices.data?.frameworks ?? []).map((f) => [f, f])}
          onChange={(framework) => set({ framework })}
        />
        <Filter
          label="Tag"
          value={filters.tag}
          options={(choices.data?.tags ?? []).map((t) => [t, t])}
          onChange={(tag) => set({ tag })}
        />
        <Filter
          label="Status"
          value={filters.state}
          options={[
            ['published', 'Published'],
            ['draft', 'Draft'],
          ]}
          onChange={(s) => set({ state: s as ModelFilters['state'] })}
        />
        <FormControlLabel
          control={<Switch checked={!!filters.archived} onChange={(e) => set({ archived: e.target.checked || undefined })} />}
          label="Archived"
        />
        <FormControl size="small" sx={{ minWidth: 180 }}>
          <InputLabel id="model-meta-cols">Metadata columns</InputLabel>
          <Select
            labelId="model-meta-cols"
            label="Metadata columns"
            multiple
            value={metaCols}
            onChange={(e) => setMetaCols(typeof e.target.value === 'string' ? e.target.value.split(',') : e.target.value)}
            renderValue={(v) => v.join(', ')}
          >
            {metaKeys.length ? (
              metaKeys.map((k) => (
                <MenuItem key={k} value={k}>
                  {k}
                </MenuItem>
              ))
            ) : (
              <MenuItem disabled value="">
                No metadata in this view
              </MenuItem>
            )}
          </Select>
        </FormControl>
      </Box>
      {selectedRows.length > 0 && (
        <Paper
          variant="outlined"
          role="region"
          aria-label="selection"
          sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 0.5, bgcolor: 'action.selected' }}
        >
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {selectedRows.length} selected
          </Typography>
          <Box sx={{ flex: 1 }} />
          <ModelActions models={selectedRows} onDeleted={() => setSelected(new Set())} />
        </Paper>
      )}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="models" stickyHeader>
          <TableHead>
            <TableRow onKeyDown={tabStop.onKeyDown}>
              <TableCell padding="checkbox" />
              {SORTABLE.slice(0, 2).map(([f, l]) => header(f, l))}
              <TableCell sx={{ fontWeight: 600 }}>Tags</TableCell>
              {header('ready', 'Status')}
              <TableCell sx={{ fontWeight: 600 }}>Task</TableCell>
              {header('created', 'Created')}
              {header('user', 'User')}
              {metaCols.map((k) => (
                <TableCell key={k} data-column={`meta:${k}`} sx={{ fontWeight: 600 }}>
                  {k}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(rows.data ?? []).map((m) => {
              const t = m.task ? tasks.data?.get(m.task) : undefined;
              return (
                <TableRow key={m.id} hover data-model={m.id} sx={{ cursor: 'pointer' }} onClick={() => onOpen(m)}>
                  <TableCell padding="checkbox" onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      size="small"
                      checked={selected.has(m.id)}
                      onChange={() =>
                        setSelected((s) => {
                          const n = new Set(s);
                          if (n.has(m.id)) n.delete(m.id);
                          else n.add(m.id);
                          return n;
                        })
                      }
                      slotProps={{ input: { 'aria-label': `select ${m.name}` } }}
                    />
                  </TableCell>
                  <TableCell sx={{ fontWeight: 600, minWidth: 160, maxWidth: 480, overflowWrap: 'anywhere' }}>{m.name}</TableCell>
                  <TableCell>{m.framework ?? '—'}</TableCell>
                  <TableCell>
                    {(m.tags ?? []).map((tag) => (
                      <Chip key={tag} size="small" label={tag} sx={{ mr: 0.5 }} />
                    ))}
                  </TableCell>
                  <TableCell data-ready={m.ready}>{m.ready ? 'Published' : 'Draft'}</TableCell>
                  <TableCell onClick={(e) => e.stopPropagation()}>
                    {m.task ? (
                      <Box
                        component="a"
                        // A real address: a new tab or a copied link opens the task too.
                        href={`/projects/${encodeURIComponent(t?.project ?? '*')}/tasks/${encodeURIComponent(m.task)}/execution`}
                        onClick={(e) => {
                          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                          e.preventDefault();
                          onOpenTask(t?.project ?? null, m.task!);
                        }}
                        sx={{ color: 'primary.main' }}
                      >
                        {t?.name ?? m.task.slice(0, 8)}
                      </Box>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>{new Date(m.created).toLocaleString()}</TableCell>
                  <TableCell>{userName(m.user)}</TableCell>
                  {metaCols.map((k) => (
                    <TableCell key={k} data-meta={k}>
                      {m.metadata?.[k]?.value ?? ''}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {rows.isSuccess && !rows.data.length && (
          <Typography color="text.secondary" role="status" sx={{ p: 4, textAlign: 'center' }}>
            No models match this view.
          </Typography>
        )}
        {rows.isError && (
          <Typography color="error" role="alert" sx={{ p: 2 }}>
            Could not load the models: {rows.error.message}
          </Typography>
        )}
      </TableContainer>
      <Typography variant="caption" color="text.secondary" role="status" aria-label="model count">
        {rows.data?.length ?? 0} {rows.data?.length === 1 ? 'model' : 'models'}
        {rows.data?.length === MAX_ROWS ? ` (the first ${MAX_ROWS}; narrow the filters to see others)` : ''}
      </Typography>
    </Box>
  );
}
