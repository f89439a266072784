import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import { ShowMore } from '../../../components/ShowMore';
import type { Task } from '../../../shared/api/records';
import { useTask } from '../api/queries';
import { ConfigObjectSection } from './ConfigObjectSection';
import { EmptyState } from './EmptyState';
import { HyperParamSection } from './HyperParamSection';

/** ClearML shows `properties` as User Properties; it is the one section editable in any status. */
const SECTION_TITLES: Record<string, string> = { properties: 'User properties' };

function sectionOrder(a: string, b: string): number {
  const rank = (s: string) => (s === 'Args' ? 0 : s === 'General' ? 1 : s === 'properties' ? 3 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Configuration objects drawn at first, and added by each "Show more": each is an editor (1,000 took 8 s). */
const CONFIGS_STEP = 20;

export function ConfigurationTab({ task }: { task: Task }) {
  const [filter, setFilter] = useState('');
  const [configLimit, setConfigLimit] = useState(CONFIGS_STEP);
  const hasParent = !!task.parent && !task.parent.startsWith('__DELETED__');
  const parent = useTask(hasParent ? task.parent! : '', hasParent);
  const sections = useMemo(() => Object.keys(task.hyperparams ?? {}).sort(sectionOrder), [task.hyperparams]);
  const configs = Object.values(task.configuration ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  // User properties can be added to a task in any status (notes on a finished run), so an empty section is offered.
  const noProperties = !sections.includes('properties') && (
    <HyperParamSection task={task} section="properties" title={SECTION_TITLES.properties} params={[]} filter="" />
  );
  if (!sections.length && !configs.length && task.status !== 'created') {
    return (
      <Box>
        <EmptyState
          title="No configuration was recorded"
          hint="Hyperparameters and configuration objects the script connects appear here."
        />
        {noProperties}
      </Box>
    );
  }
  const p = parent.data;
  return (
    <Box>
      <TextField
        size="small"
        label="Filter parameters"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        sx={{ mb: 2, width: 320 }}
      />
      {sections.map((section) => (
        <HyperParamSection
          key={section}
          task={task}
          section={section}
          title={SECTION_TITLES[section] ?? section}
          params={Object.values(task.hyperparams[section]).sort((a, b) => a.name.localeCompare(b.name))}
          filter={filter}
          parent={p ? (p.hyperparams?.[section] ?? {}) : undefined}
        />
      ))}
      {task.status === 'created' && !sections.includes('General') && (
        <HyperParamSection task={task} section="General" title="General" params={[]} filter="" />
      )}
      {noProperties}
      {configs.slice(0, configLimit).map((c) => (
        <ConfigObjectSection
          key={c.name}
          task={task}
          item={c}
          changedFromParent={!!p && p.configuration?.[c.name]?.value !== c.value}
        />
      ))}
      <ShowMore
        hidden={configs.length - configLimit}
        step={CONFIGS_STEP}
        noun="configuration objects"
        onMore={() => setConfigLimit(configLimit + CONFIGS_STEP)}
      />
    </Box>
  );
}
