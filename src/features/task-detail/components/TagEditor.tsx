import AddIcon from '@mui/icons-material/Add';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { TagInput } from '../../../components/TagInput';

/** A task's tags as chips: remove one with its ×, add one by name (Enter) or picked from the tags in use. */
export function TagEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => Promise<unknown> }) {
  const [adding, setAdding] = useState(false);
  const add = (tag: string) => {
    if (tags.includes(tag)) return setAdding(false);
    onChange([...tags, tag]).then(
      () => setAdding(false),
      () => {
        /* shown by the app; keep the field open */
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
      {adding ? (
        <TagInput
          autoFocus
          label="New tag"
          exclude={tags}
          onAdd={add}
          onBlur={() => setAdding(false)}
          onEscape={() => setAdding(false)}
          width={160}
        />
      ) : (
        <Tooltip title="Add a tag">
          <IconButton size="small" aria-label="add tag" onClick={() => setAdding(true)}>
            <AddIcon fontSize="inherit" />
          </IconButton>
        </Tooltip>
      )}
    </>
  );
}
