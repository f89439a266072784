import FilterAltIcon from '@mui/icons-material/FilterAlt';
import Autocomplete from '@mui/material/Autocomplete';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Popover from '@mui/material/Popover';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useUserNames } from '../../../components/UserName';
import { useCurrentUser } from '../../../client/current-user';
import { STATUS_LABELS, type TaskStatus } from '../../../shared/task-state';
import { useProjectList } from '../../../components/queries/project-list';
import { useTaskChoices, useTaskParents } from '../api/queries';
import { withFilter, type TableState } from '../table-state';
import { MultiSelect } from './filters/MultiSelect';
import { RangeChips, ValueChips } from './filters/RangeChips';
import { SearchBox } from './filters/SearchBox';

/**
 * A narrow multiple pick keeps to the height of the fields beside it while it is not being edited: its one chip
 * shown (limitTags) is cut short rather than pushing the input to a second line.
 */
const oneRow = {
  '&:not(.Mui-focused) .MuiAutocomplete-inputRoot': { flexWrap: 'nowrap' },
  '&:not(.Mui-focused) .MuiAutocomplete-tag': { maxWidth: 72 },
  // Focused, the field shows every value picked, over what is below it rather than pushing it down: pushed, the table
  // moved back up as the field lost focus, under the pointer of the click that took the focus (the click landed a row
  // off, and a click on the header's checkbox missed it).
  position: 'relative',
  height: 40,
  '& .MuiFormControl-root': { position: 'absolute', top: 0, left: 0, right: 0, zIndex: 5, bgcolor: 'background.paper' },
} as const;

/** The states a user filters by, in ClearML's words. */
const STATES: TaskStatus[] = ['created', 'queued', 'in_progress', 'completed', 'failed', 'stopped', 'published'];

/**
 * The filters above the table, in one row at 1440 px: search, type, status, tags, user, and the
 * switches behind "More". Beside the task panel only the search stays out; the rest is behind "Filters".
 */
export function TableFilters({
  projectId,
  state,
  onChange,
  compact,
  error,
}: {
  projectId: string;
  state: TableState;
  onChange: (s: TableState) => void;
  compact?: boolean;
  /** The server's refusal of the view (a bad regular expression). */
  error?: string;
}) {
  const [moreAt, setMoreAt] = useState<HTMLElement | null>(null);
  // Types, tags and users found on tasks are read when a list is first opened, not with the table's first rows.
  const [wantChoices, setWantChoices] = useState(false);
  const picked = !!state.tags?.length || !!state.notTags?.length || !!state.users?.length || !!state.types?.length;
  const choices = useTaskChoices(projectId, wantChoices || picked);
  // A tag is either wanted or not: each list offers the tags the other has not taken.
  const tagOptions = (taken: string[] | undefined) => (choices.data?.tags ?? []).filter((t) => !taken?.includes(t));
  const [wantParents, setWantParents] = useState(false);
  const parents = useTaskParents(projectId, !!state.archived, wantParents || !!state.parents?.length);
  // By id: the pick asks an option's label for each option it lists or filters (up to 10,000 parents).
  const parentById = useMemo(() => new Map((parents.data ?? []).map((p) => [p.id, p])), [parents.data]);
  const parentName = (id: string) => parentById.get(id)?.name ?? id;
  const allProjects = projectId === '*';
  const [wantProjects, setWantProjects] = useState(false);
  const projectChoices = useProjectList(allProjects && (wantProjects || !!state.projects?.length));
  const projectById = useMemo(() => new Map((projectChoices.data ?? []).map((p) => [p.id, p.name])), [projectChoices.data]);
  const knownName = useUserNames();
  const me = useCurrentUser();
  // Who made the project's tasks, and whoever is picked (a link may name a user with no task here).
  const usersInUse = useMemo(() => new Map((choices.data?.users ?? []).map((u) => [u.id, u.name])), [choices.data]);
  const userName = (id: string) => usersInUse.get(id) ?? knownName(id);
  const userOptions = [...new Set([...usersInUse.keys(), ...(state.users ?? [])])];
  // The types of the project's tasks (read when the list opens), and whichever is picked.
  const typeOptions = choices.data ? [...new Set([...choices.data.types, ...(state.types ?? [])])].sort() : (state.types ?? []);
  const onlyMine = state.users?.length === 1 && state.users[0] === me.id;
  const set = (patch: Partial<TableState>) => onChange({ ...state, ...patch });

  const selects = (
    <>
      <MultiSelect
        label="Type"
        values={state.types ?? []}
        options={typeOptions.map((t) => ({ value: t, label: t }))}
        onOpen={() => setWantChoices(true)}
        loading={choices.isFetching}
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
        limitTags={1}
        sx={{ width: 150, ...oneRow }}
        options={tagOptions(state.notTags)}
        onOpen={() => setWantChoices(true)}
        loading={choices.isFetching}
        value={state.tags ?? []}
        onChange={(_, tags) => set({ tags: tags.length ? tags : undefined })}
        renderInput={(params) => <TextField {...params} label="Tags" />}
      />
      <Autocomplete
        multiple
        size="small"
        limitTags={1}
        sx={{ width: 140, ...oneRow }}
        options={userOptions}
        onOpen={() => setWantChoices(true)}
        loading={choices.isFetching}
        getOptionLabel={userName}
        value={state.users ?? []}
        onChange={(_, users) => set({ users: users.length ? users : undefined })}
        renderInput={(params) => <TextField {...params} label="User" />}
      />
    </>
  );
  const switches = (
    <>
      <Autocomplete
        multiple
        size="small"
        sx={{ width: 260 }}
        options={tagOptions(state.tags)}
        onOpen={() => setWantChoices(true)}
        loading={choices.isFetching}
        value={state.notTags ?? []}
        onChange={(_, notTags) => set({ notTags: notTags.length ? notTags : undefined })}
        renderInput={(params) => <TextField {...params} label="Without tags" />}
      />
      <FormControlLabel
        control={<Switch checked={!!state.tagsAll} onChange={(e) => set({ tagsAll: e.target.checked || undefined })} />}
        label="Holds every tag picked"
      />
      <Autocomplete
        multiple
        size="small"
        sx={{ width: 260 }}
        options={(parents.data ?? []).map((p) => p.id)}
        onOpen={() => setWantParents(true)}
        loading={parents.isFetching}
        getOptionLabel={parentName}
        // Two parents may share a name: each option says its project too.
        renderOption={({ key, ...props }, id) => {
          const p = parentById.get(id);
          return (
            <li key={key} {...props}>
              {p?.name ?? id}
              <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                {p?.project?.name}
              </Typography>
            </li>
          );
        }}
        value={state.parents ?? []}
        onChange={(_, ids) => set({ parents: ids.length ? ids : undefined })}
        renderInput={(params) => <TextField {...params} label="Parent task" />}
      />
      {allProjects && (
        <Autocomplete
          multiple
          size="small"
          sx={{ width: 260 }}
          options={[...new Set([...(projectChoices.data ?? []).map((p) => p.id), ...(state.projects ?? [])])]}
          onOpen={() => setWantProjects(true)}
          loading={projectChoices.isFetching}
          getOptionLabel={(id) => projectById.get(id) ?? id}
          value={state.projects ?? []}
          onChange={(_, ids) => set({ projects: ids.length ? ids : undefined })}
          renderInput={(params) => <TextField {...params} label="Projects" helperText="Sub-projects included" />}
        />
      )}
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
    </>
  );
  const hiddenActive =
    (state.notTags?.length ? 1 : 0) +
    (state.parents?.length ? 1 : 0) +
    (allProjects && state.projects?.length ? 1 : 0) +
    (state.tagsAll ? 1 : 0) +
    (onlyMine ? 1 : 0) +
    (state.archived ? 1 : 0) +
    (state.deep ? 1 : 0) +
    (compact ? [state.types, state.statuses, state.tags, state.users].filter((v) => v?.length).length : 0);
  return (
    <Box sx={{ mb: 1.5 }}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label="filters">
        <SearchBox
          q={state.q}
          regex={!!state.re}
          error={error}
          width={compact ? 240 : 250}
          onChange={(q, re) => set({ q, re: re || undefined })}
        />
        {!compact && selects}
        <Badge badgeContent={hiddenActive} color="primary" overlap="rectangular">
          <Button size="small" startIcon={<FilterAltIcon />} onClick={(e) => setMoreAt(e.currentTarget)} aria-haspopup="dialog">
            {compact ? 'Filters' : 'More'}
          </Button>
        </Badge>
        <RangeChips range={state.range} onRemove={(key) => onChange(withFilter(state, 'range', key, undefined))} />
        <ValueChips vals={state.vals} onRemove={(key) => onChange(withFilter(state, 'vals', key, undefined))} />
      </Box>
      {error && (
        <Typography id="search-error" role="alert" variant="caption" color="error" sx={{ display: 'block', mt: 0.5 }}>
          {error}
        </Typography>
      )}
      <Popover
        open={!!moreAt}
        anchorEl={moreAt}
        onClose={() => setMoreAt(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{ paper: { role: 'dialog', 'aria-label': 'more filters' } as object }}
      >
        <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5, alignItems: 'flex-start' }}>
          {compact && <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', maxWidth: 300 }}>{selects}</Box>}
          {switches}
        </Box>
      </Popover>
    </Box>
  );
}
