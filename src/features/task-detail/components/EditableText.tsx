import EditIcon from '@mui/icons-material/Edit';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useState, type ReactNode } from 'react';

/**
 * Text that turns into an input when editing is allowed. Enter (Ctrl+Enter when multiline) saves; leaving the
 * input (a click or Tab elsewhere) saves a changed text, so nothing typed is lost; Escape cancels.
 */
export function EditableText({
  value,
  label,
  editable,
  disabledReason,
  multiline,
  onSave,
  children,
}: {
  value: string;
  label: string;
  editable: boolean;
  disabledReason: string;
  multiline?: boolean;
  onSave: (v: string) => Promise<unknown>;
  /** The text as shown when not editing: `value`, or the text being saved. */
  children: (shown: string) => ReactNode;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  // The editor closes at Enter and the text being saved stands in for `value` until the save ends (onSave ends
  // once the task is read again). Left open while saving, the wide input had a click on a control beside it close
  // it at mouse-down and move that control before mouse-up, so the click was lost.
  const [saving, setSaving] = useState<string | null>(null);
  const save = (text: string) => {
    setDraft(null);
    setSaving(text);
    onSave(text).then(
      () => setSaving(null),
      () => {
        // The refusal is shown by the app; the draft comes back to be mended.
        setSaving(null);
        setDraft(text);
      },
    );
  };
  if (draft !== null) {
    return (
      <TextField
        autoFocus
        size="small"
        fullWidth
        multiline={multiline}
        label={label}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        // Enter and Escape unmount the input, which ends without a blur (React gives none on unmount).
        onBlur={() => (draft === (saving ?? value) ? setDraft(null) : save(draft))}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
          if (e.key === 'Enter' && (!multiline || e.ctrlKey)) save(draft);
        }}
      />
    );
  }
  return (
    <>
      {children(saving ?? value)}
      <Tooltip title={editable ? `Edit ${label.toLowerCase()}` : disabledReason}>
        <span>
          <IconButton
            size="small"
            aria-label={`edit ${label.toLowerCase()}`}
            disabled={!editable}
            onClick={() => setDraft(saving ?? value)}
          >
            <EditIcon fontSize="inherit" />
          </IconButton>
        </span>
      </Tooltip>
    </>
  );
}
