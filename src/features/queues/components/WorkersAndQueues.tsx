import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { useQueues, useWorkers } from '../api/queries';
import { QueueActivity } from './QueueActivity';
import { QueueEntries } from './QueueEntries';
import { QueuesTable } from './QueuesTable';
import type { Nav } from './TaskLink';
import { WorkerActivity } from './WorkerActivity';
import { WorkerMachine } from './WorkerMachine';
import { WorkersTable } from './WorkersTable';

/** The Workers & Queues page body; the selected queue lives in the URL (`?queue=`). */
export function WorkersAndQueues({
  selected,
  onSelect,
  worker,
  onWorker,
  nav,
}: {
  selected: string | null;
  onSelect: (id: string) => void;
  /** The worker whose machine is drawn (`?worker=`); the first one when none is picked. */
  worker: string | null;
  onWorker: (id: string) => void;
  nav: Nav;
}) {
  const queues = useQueues();
  const workers = useWorkers();
  if (queues.isPending) return <CircularProgress aria-label="loading queues" />;
  if (queues.isError) return <Alert severity="error">Could not load the queues: {queues.error.message}</Alert>;
  const list = queues.data;
  const machine = workers.data?.find((w) => w.id === worker)?.id ?? workers.data?.[0]?.id ?? null;
  const current = list.find((q) => q.id === selected) ?? list.find((q) => q.system_tags.includes('default')) ?? list[0];
  return (
    // minmax(0, 1fr): a grid column is otherwise as wide as its widest table, and a phone scrolls the page.
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <QueuesTable queues={list} selected={current?.id ?? null} onSelect={onSelect} />
      {current && (
        <SideBySide wide="minmax(0, 3fr) minmax(0, 2fr)">
          <QueueEntries queue={current} queues={list} nav={nav} />
          <QueueActivity queue={current} />
        </SideBySide>
      )}
      <WorkersTable workers={workers.data ?? []} nav={nav} selected={machine} onSelect={onWorker} />
      <SideBySide wide="minmax(0, 1fr) minmax(0, 1fr)">
        {machine && <WorkerMachine worker={machine} />}
        <WorkerActivity />
      </SideBySide>
    </Box>
  );
}

/** Two panels side by side on a wide screen (`wide`: their columns), one above the other below that. */
function SideBySide({ wide, children }: { wide: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: wide }, alignItems: 'start' }}>
      {children}
    </Box>
  );
}
