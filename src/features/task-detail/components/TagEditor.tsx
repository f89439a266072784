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
export function TagEditor({
  tags,
  onChange,
  readOnly,
}: {
  tags: string[];
  onChange: (tags: string[]) => Promise<unknown>;
  /** Why the tags cannot be changed (a viewer's): shown, not editable. */
  readOnly?: string | null;
}) {
  const [adding, setAdding] = useState(false);
  // The tag removed last and where it stood, for Undo to put it back in its place.
  const [removed, setRemoved] = useState<{ tag: string; at: number } | null>(null);
  const remove = (tag: string) =>
    void onChange(tags.filter((x) => x !== tag)).then(
      () => setRemoved({ tag, at: tags.indexOf(tag) }),
      () => {},
    );
  const undo = () => {
    const r = removed;
    setRemoved(null);
    if (r && !tags.includes(r.tag)) void onChange([...tags.slice(0, r.at), r.tag, ...tags.slice(r.at)]).catch(() => {});
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
          onDelete={readOnly ? undefined : () => remove(t)}
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
        <Tooltip title={readOnly ?? 'Add a tag'}>
          <span>
            <IconButton size="small" aria-label="add tag" disabled={!!readOnly} onClick={() => setAdding(true)}>
              <AddIcon fontSize="inherit" />
            </IconButton>
          </span>
        </Tooltip>
      )}
      <Snackbar
        open={!!removed}
        autoHideDuration={8000}
        onClose={(_, reason) => reason !== 'clickaway' && setRemoved(null)}
        message={removed ? `Tag “${removed.tag}” removed` : ''}
        action={
          <Button color="inherit" size="small" onClick={undo}>
            Undo
          </Button>
        }
      />
    </>
  );
}
