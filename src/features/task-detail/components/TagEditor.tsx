import AddIcon from '@mui/icons-material/Add';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';

/** A task's tags as chips: remove one with its ×, add one by name (Enter). */
export function TagEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => Promise<unknown> }) {
  const [adding, setAdding] = useState<string | null>(null);
  const add = (raw: string) => {
    const tag = raw.trim();
    if (!tag || tags.includes(tag)) return setAdding(null);
    onChange([...tags, tag]).then(
      () => setAdding(null),
      () => {
        /* shown by the app; keep the text */
      },
    );
  };
  return (
    <>
      {tags.map((t) => (
        <Chip
          key={t}
          size="small"
          label={t}
          sx={{ bgcolor: 'action.selected' }}
          onDelete={() => void onChange(tags.filter((x) => x !== t)).catch(() => {})}
          aria-label={`tag ${t}`}
        />
      ))}
      {adding !== null ? (
        <TextField
          autoFocus
          size="small"
          label="New tag"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onBlur={() => setAdding(null)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setAdding(null);
            if (e.key === 'Enter') add(adding);
          }}
          sx={{ width: 160 }}
        />
      ) : (
        <Tooltip title="Add a tag">
          <IconButton size="small" aria-label="add tag" onClick={() => setAdding('')}>
            <AddIcon fontSize="inherit" />
          </IconButton>
        </Tooltip>
      )}
    </>
  );
}
