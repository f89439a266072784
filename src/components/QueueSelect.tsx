import Alert from '@mui/material/Alert';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApiClient } from '../client/react';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every queue with the workers serving it, and the default queue's id. */
function useQueueChoices(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['queues'],
    enabled,
    queryFn: async () => {
      // get_all_ex also says which workers serve each queue.
      const [all, def] = await Promise.all([
        client.call('queues.get_all_ex', {}),
        client.call('queues.get_default').catch(() => null),
      ]);
      return { queues: all.queues, defaultId: def?.id ?? null };
    },
  });
}

/**
 * Picks a queue (the default one first), each with its pending tasks and workers; says so when no agent serves the
 * one picked. Reads the queues while `enabled` (its dialog is open).
 */
export function QueueSelect({ enabled, value, onChange }: { enabled: boolean; value: string; onChange: (id: string) => void }) {
  const queues = useQueueChoices(enabled);
  const chosen = queues.data?.queues.find((q) => q.id === value);
  useEffect(() => {
    if (queues.data && !value) onChange(queues.data.defaultId ?? queues.data.queues[0]?.id ?? '');
  }, [queues.data, value, onChange]);
  return (
    <>
      <FormControl fullWidth sx={{ mt: 1 }}>
        <InputLabel id="queue-label">Queue</InputLabel>
        <Select labelId="queue-label" label="Queue" value={chosen ? value : ''} onChange={(e) => onChange(e.target.value)}>
          {(queues.data?.queues ?? []).map((q) => (
            <MenuItem key={q.id} value={q.id}>
              {q.display_name || q.name}
              {q.id === queues.data?.defaultId ? ' (default)' : ''} — {q.entries.length} pending,{' '}
              {plural(q.workers?.length ?? 0, 'worker')}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {chosen && !chosen.workers?.length && (
        <Alert severity="info" sx={{ mt: 2 }}>
          No agent serves {chosen.name} now: the task waits until one does. Start one with{' '}
          <code>npm run agent -- --queue {chosen.name}</code>.
        </Alert>
      )}
    </>
  );
}
