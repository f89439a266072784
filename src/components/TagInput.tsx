import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../client/react';

/** The tags the server's tasks hold (every project's), for a new tag's suggestions. */
export function useTaskTagsInUse(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['task-tags-in-use'],
    enabled,
    queryFn: async () => (await client.call('projects.get_task_tags', {})).tags,
    staleTime: 60_000,
  });
}

/**
 * A new tag's name, offering the tags the team's tasks already hold as it is typed (so that "baseline" is picked
 * rather than typed again as "Baseline"); Enter or a pick adds it, and the field empties for the next.
 */
export function TagInput({
  label,
  exclude,
  onAdd,
  autoFocus,
  onBlur,
  onEscape,
  width,
}: {
  label: string;
  /** Tags not to offer (those already on the task). */
  exclude: string[];
  onAdd: (tag: string) => void;
  autoFocus?: boolean;
  onBlur?: () => void;
  onEscape?: () => void;
  width?: number;
}) {
  const [text, setText] = useState('');
  const inUse = useTaskTagsInUse(true);
  const add = (raw: string | null) => {
    const tag = raw?.trim();
    if (tag) onAdd(tag);
    setText('');
  };
  return (
    <Autocomplete
      freeSolo
      size="small"
      options={(inUse.data ?? []).filter((t) => !exclude.includes(t))}
      inputValue={text}
      value={null}
      onInputChange={(_, v, reason) => reason !== 'reset' && setText(v)}
      onChange={(_, v) => add(typeof v === 'string' ? v : null)}
      onBlur={onBlur}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !text) onEscape?.();
      }}
      sx={width ? { width } : undefined}
      fullWidth={!width}
      renderInput={(params) => <TextField {...params} autoFocus={autoFocus} label={label} />}
    />
  );
}
