import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useEffect, useRef, type ReactNode } from 'react';
import { preloadCharts } from '../../../components/chart/EChart';
import type { ScalarView } from '../../../components/chart/scalar-view-search';
import { useTask } from '../api/queries';
import { chartsInView, usePrefetchScalars } from '../api/scalars-prefetch';
import { ArtifactsTab } from './ArtifactsTab';
import { ConfigurationTab } from './ConfigurationTab';
import { ConsoleTab } from './ConsoleTab';
import { DebugSamplesTab } from './DebugSamplesTab';
import { EmptyState } from './EmptyState';
import { ExecutionTab } from './ExecutionTab';
import { InfoTab } from './InfoTab';
import { PlotsTab } from './PlotsTab';
import { ScalarsTab } from './ScalarsTab';
import { TaskHeader } from './TaskHeader';
import { DETAIL_TABS, type DetailTab } from '../tabs';

const LABELS: Record<DetailTab, string> = {
  execution: 'Execution',
  configuration: 'Configuration',
  console: 'Console',
  scalars: 'Scalars',
  plots: 'Plots',
  'debug-samples': 'Debug samples',
  artifacts: 'Artifacts',
  info: 'Info',
};

/** A task's page: header and one tab; the app owns the URL and tells it which tab to show. */
export function TaskDetail({
  taskId,
  tab,
  onTab,
  scalars,
  onScalars,
  actions,
}: {
  taskId: string;
  tab: DetailTab;
  onTab: (t: DetailTab) => void;
  /** The Scalars tab's view, which the app keeps in the URL; `replace` for a further step of one gesture. */
  scalars: ScalarView;
  onScalars: (v: ScalarView, replace: boolean) => void;
  actions?: ReactNode;
}) {
  const task = useTask(taskId);
  const prefetchScalars = usePrefetchScalars();
  const tabs = useRef<HTMLDivElement>(null);
  // The Scalars tab's first charts are fetched from the press on its tab (or with the task, when the page opens on it),
  // in parallel with the tab's rendering; the cheap metric list is fetched once the page is idle.
  const scalarsFirst = () => prefetchScalars(taskId, scalars, chartsInView(tabs.current));
  useEffect(() => {
    if (tab === 'scalars') scalarsFirst();
    // Only when another task's page opens: a tab change prefetches from its press.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [taskId]);
  // Most tabs draw charts: fetch ECharts once the page is idle, so opening one does not wait for it.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 500));
    idle(() => {
      preloadCharts();
      prefetchScalars(taskId, scalars);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [taskId]);
  if (task.isPending) return <CircularProgress aria-label="loading task" sx={{ m: 4 }} />;
  if (task.isError) return <EmptyState title="This task could not be loaded" hint={task.error.message} />;
  const t = task.data;
  return (
    <Box>
      <TaskHeader task={t} actions={actions} />
      <Tabs
        value={tab}
        onChange={(_, v: DetailTab) => {
          if (v === 'scalars') scalarsFirst();
          onTab(v);
        }}
        ref={tabs}
        variant="scrollable"
        aria-label="task detail tabs"
        sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}
      >
        {DETAIL_TABS.map((k) => (
          <Tab
            key={k}
            value={k}
            label={LABELS[k]}
            onPointerDown={k === 'scalars' && tab !== 'scalars' ? scalarsFirst : undefined}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" aria-label={LABELS[tab]}>
        {tab === 'execution' && <ExecutionTab task={t} />}
        {tab === 'configuration' && <ConfigurationTab task={t} />}
        {tab === 'console' && <ConsoleTab task={t} />}
        {tab === 'scalars' && <ScalarsTab task={t} view={scalars} onView={onScalars} />}
        {tab === 'plots' && <PlotsTab task={t} />}
        {tab === 'debug-samples' && <DebugSamplesTab task={t} />}
        {tab === 'artifacts' && <ArtifactsTab task={t} />}
        {tab === 'info' && <InfoTab task={t} />}
      </Box>
    </Box>
  );
}
