import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { preloadCharts } from '../../../components/chart/EChart';
import { colorFor } from '../../../components/chart/scalar-chart';
import type { ScalarUrlSettings } from '../../../components/chart/scalar-search';
import { useCompareTasks, usePrefetchFirstChart, useTaskSearch } from '../api/queries';
import { CompareDebugSamplesTab } from './DebugSamplesTab';
import { DetailsTab } from './DetailsTab';
import { HyperParamsTab } from './HyperParamsTab';
import { ComparePlotsTab } from './PlotsTab';
import { CompareScalarsTab } from './ScalarsTab';
import { COMPARE_TABS, type CompareTab } from '../tabs';

const LABELS: Record<CompareTab, string> = {
  details: 'Details',
  hyperparameters: 'Hyperparameters',
  scalars: 'Scalars',
  plots: 'Plots',
  'debug-samples': 'Debug samples',
};

/** Chips shown before "+N more": two hundred would push the tabs off the screen. */
const CHIPS = 12;

export interface CompareState {
  ids: string[];
  tab: CompareTab;
  onlyDiffs: boolean;
  /** The scalars tab's grouping and smoothing. */
  scalars: ScalarUrlSettings;
  /** The task whose last values the others are shown against. */
  baseline: string | null;
}

/** Compares tasks side by side; the app keeps the state in the URL and passes changes back. */
export function CompareView({
  state,
  onChange,
}: {
  state: CompareState;
  /** `replace`: a step of a continuous change (a slider dragged), not a new place in the history. */
  onChange: (s: CompareState, replace?: boolean) => void;
}) {
  const tasks = useCompareTasks(state.ids);
  // The scalars tab's metric names and first chart are asked for with the tasks, not after them.
  usePrefetchFirstChart(state.ids, state.tab === 'scalars');
  // And ECharts' code, which the tab would only start loading once the tasks are in.
  useEffect(() => {
    if (state.tab === 'scalars') preloadCharts();
  }, [state.tab]);
  const [search, setSearch] = useState('');
  const [allChips, setAllChips] = useState(false);
  const found = useTaskSearch(search);
  const list = tasks.data ?? [];
  // Ids in the URL that name no task (deleted, or mistyped): said, not silently dropped.
  const missing = tasks.isSuccess && !tasks.isPlaceholderData ? state.ids.filter((id) => !list.some((t) => t.id === id)) : [];
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ mr: 2 }}>
          Compare {list.length} tasks
        </Typography>
        {(allChips ? list : list.slice(0, CHIPS)).map((t, i) => (
          <Chip
            key={t.id}
            label={t.name}
            sx={{ borderLeft: `6px solid ${colorFor(i)}` }}
            onDelete={() => onChange({ ...state, ids: state.ids.filter((x) => x !== t.id) })}
            aria-label={`compared task ${t.name}`}
          />
        ))}
        {list.length > CHIPS && (
          <Chip
            variant="outlined"
            label={allChips ? 'fewer' : `+${list.length - CHIPS} more`}
            onClick={() => setAllChips(!allChips)}
            aria-expanded={allChips}
          />
        )}
        <Autocomplete
          sx={{ width: 280 }}
          size="small"
          options={(found.data ?? []).filter((t) => !state.ids.includes(t.id))}
          getOptionLabel={(t) => t.name}
          filterOptions={(x) => x}
          onInputChange={(_, v) => setSearch(v)}
          value={null}
          onChange={(_, t) => t && onChange({ ...state, ids: [...state.ids, t.id] })}
          renderInput={(params) => <TextField {...params} label="Add a task" />}
        />
      </Box>
      {missing.length > 0 && (
        <Alert
          severity="warning"
          aria-label="tasks not found"
          sx={{ mb: 2, overflowWrap: 'anywhere' }}
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() => onChange({ ...state, ids: state.ids.filter((id) => !missing.includes(id)) })}
            >
              Remove from comparison
            </Button>
          }
        >
          {missing.length === 1 ? 'No task has the id ' : `${missing.length} ids name no task: `}
          {missing
            .slice(0, 10)
            .map((id) => id.slice(0, 64))
            .join(', ')}
          {missing.length > 10 ? ', …' : ''}. It may have been deleted, or the link is wrong.
        </Alert>
      )}
      <Tabs
        value={state.tab}
        onChange={(_, tab: CompareTab) => onChange({ ...state, tab })}
        aria-label="compare tabs"
        sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}
      >
        {COMPARE_TABS.map((t) => (
          <Tab key={t} value={t} label={LABELS[t]} />
        ))}
      </Tabs>
      {tasks.isPending && state.ids.length > 0 ? (
        <CircularProgress aria-label="loading tasks" />
      ) : list.length < 2 ? (
        <Typography color="text.secondary">Pick at least two tasks to compare.</Typography>
      ) : (
        <Box role="tabpanel" aria-label={LABELS[state.tab]}>
          {state.tab === 'details' && (
            <DetailsTab
              tasks={list}
              onlyDiffs={state.onlyDiffs}
              onOnlyDiffs={(onlyDiffs) => onChange({ ...state, onlyDiffs })}
              baseline={list.some((t) => t.id === state.baseline) ? state.baseline : null}
              onBaseline={(baseline) => onChange({ ...state, baseline })}
            />
          )}
          {state.tab === 'hyperparameters' && <HyperParamsTab tasks={list} />}
          {state.tab === 'scalars' && (
            <CompareScalarsTab
              tasks={list}
              settings={state.scalars}
              onSettings={(scalars, replace) => onChange({ ...state, scalars }, replace)}
              baseline={list.some((t) => t.id === state.baseline) ? state.baseline : null}
              onBaseline={(baseline) => onChange({ ...state, baseline })}
            />
          )}
          {state.tab === 'plots' && <ComparePlotsTab tasks={list} />}
          {state.tab === 'debug-samples' && <CompareDebugSamplesTab tasks={list} />}
        </Box>
      )}
    </Box>
  );
}
