import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Snackbar from '@mui/material/Snackbar';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { TagInput } from '../../../components/TagInput';

/**
 * A task's tags as chips: remove one with its × (Undo puts it back, as in ClearML's web app), add one by name (Enter)
 * or picked from the tags in use.
 */
export function TagEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => Promise<unknown> }) {
  const [adding, setAdding] = useState(false);
  const [removed, setRemoved] = useState<string | null>(null);
  const remove = (tag: string) =>
    void onChange(tags.filter((x) => x !== tag)).then(
      () => setRemoved(tag),
      () => {},
    );
  const undo = () => {
    const tag = removed;
    setRemoved(null);
    if (tag && !tags.includes(tag)) void onChange([...tags, tag]).catch(() => {});
  };
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
          onDelete={() => remove(t)}
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
      <Snackbar
        open={!!removed}
        autoHideDuration={8000}
        onClose={(_, reason) => reason !== 'clickaway' && setRemoved(null)}
        message={removed ? `Tag “${removed}” removed` : ''}
        action={
          <Button color="inherit" size="small" onClick={undo}>
            Undo
          </Button>
        }
      />
    </>
  );
}
