import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import OutlinedInput from '@mui/material/OutlinedInput';
import Select from '@mui/material/Select';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { useUserList, useUserNames } from '../../../components/UserName';
import { useCurrentUser } from '../../../client/current-user';
import { STATUS_LABELS, TASK_TYPES, type TaskStatus } from '../../../shared/task-state';
import { useTaskTags } from '../api/queries';
import type { TableState } from '../table-state';

/** The states a user filters by, in ClearML's words. */
const STATES: TaskStatus[] = ['created', 'queued', 'in_progress', 'completed', 'failed', 'stopped', 'published'];

function MultiSelect({
  label,
  values,
  options,
  onChange,
}: {
  label: string;
  values: string[];
  options: { value: string; label: string }[];
  onChange: (v: string[]) => void;
}) {
  const id = `filter-${label.toLowerCase()}`;
  return (
    <FormControl size="small" sx={{ minWidth: 150, maxWidth: 260 }}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select
        labelId={id}
        multiple
        value={values}
        onChange={(e) => onChange(typeof e.target.value === 'string' ? e.target.value.split(',') : e.target.value)}
        input={<OutlinedInput label={label} />}
        renderValue={(sel) => sel.map((v) => options.find((o) => o.value === v)?.label ?? v).join(', ')}
        MenuProps={{ slotProps: { list: { 'aria-label': `${label} options` } } }}
      >
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value} data-option={o.value}>
            <Checkbox size="small" checked={values.includes(o.value)} />
            <ListItemText primary={o.label} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

export function TableFilters({
  projectId,
  state,
  onChange,
}: {
  projectId: string;
  state: TableState;
  onChange: (s: TableState) => void;
}) {
  const [text, setText] = useState(state.q ?? '');
  const choices = useTaskTags(projectId);
  const userName = useUserNames();
  const allUsers = useUserList();
  const me = useCurrentUser();
  // Every user of the server, and any other id found on tasks (e.g. from before users existed).
  const userOptions = [...new Set([...(allUsers.data ?? []).map((u) => u.id), ...(choices.data?.users ?? [])])];
  const onlyMine = state.users?.length === 1 && state.users[0] === me.id;
  useEffect(() => setText(state.q ?? ''), [state.q]);
  // Search as the user pauses typing, not on every key.
  useEffect(() => {
    const t = setTimeout(() => (text || undefined) !== state.q && onChange({ ...state, q: text || undefined }), 300);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  const set = (patch: Partial<TableState>) => onChange({ ...state, ...patch });
  return (
    <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 1.5 }}>
      <TextField
        size="small"
        label="Search name, id, comment"
        value={text}
        onChange={(e) => setText(e.target.value)}
        sx={{ width: 240 }}
      />
      <MultiSelect
        label="Type"
        values={state.types ?? []}
        options={TASK_TYPES.map((t) => ({ value: t, label: t }))}
        onChange={(types) => set({ types: types.length ? types : undefined })}
      />
      <MultiSelect
        label="Status"
        values={state.statuses ?? []}
        options={STATES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        onChange={(statuses) => set({ statuses: statuses.length ? statuses : undefined })}
      />
      <Autocomplete
        multiple
        size="small"
        sx={{ minWidth: 160, maxWidth: 280 }}
        options={choices.data?.tags ?? []}
        value={state.tags ?? []}
        onChange={(_, tags) => set({ tags: tags.length ? tags : undefined })}
        renderInput={(params) => <TextField {...params} label="Tags" />}
      />
      <Autocomplete
        multiple
        size="small"
        sx={{ minWidth: 140, maxWidth: 240 }}
        options={userOptions}
        getOptionLabel={userName}
        value={state.users ?? []}
        onChange={(_, users) => set({ users: users.length ? users : undefined })}
        renderInput={(params) => <TextField {...params} label="User" />}
      />
      <FormControlLabel
        control={<Switch checked={onlyMine} onChange={(e) => set({ users: e.target.checked ? [me.id] : undefined })} />}
        label="My tasks"
      />
      <FormControlLabel
        control={<Switch checked={!!state.archived} onChange={(e) => set({ archived: e.target.checked || undefined })} />}
        label="Show archived"
      />
      {projectId !== '*' && (
        <FormControlLabel
          control={<Switch checked={!!state.deep} onChange={(e) => set({ deep: e.target.checked || undefined })} />}
          label="Include sub-projects"
        />
      )}
    </Box>
  );
}
