import EditIcon from '@mui/icons-material/Edit';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useState, type ReactNode } from 'react';
import { afterPress } from '../../../components/after-press';

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
  // The input takes the focus when opened, and when a refused draft comes back unless the user has moved on to
  // another control meanwhile (the save made on leaving the input for it).
  const [takeFocus, setTakeFocus] = useState(true);
  const open = (text: string, focus: boolean) => {
    setTakeFocus(focus);
    setDraft(text);
  };
  const save = (text: string) => {
    setDraft(null);
    setSaving(text);
    onSave(text).then(
      () => setSaving(null),
      () => {
        // The refusal is shown by the app; the draft comes back to be mended.
        setSaving(null);
        open(text, focusIsFree());
      },
    );
  };
  if (draft !== null) {
    return (
      <TextField
        autoFocus={takeFocus}
        size="small"
        fullWidth
        multiline={multiline}
        label={label}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        // Enter and Escape unmount the input, which ends without a blur (React gives none on unmount). Left by a
        // click, it closes once the click has landed where the user aimed.
        onBlur={() => afterPress(() => (draft === (saving ?? value) ? setDraft(null) : save(draft)))}
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
            onClick={() => open(saving ?? value, true)}
          >
            <EditIcon fontSize="inherit" />
          </IconButton>
        </span>
      </Tooltip>
    </>
  );
}

/** Nothing on the page holds the focus (it was in an input that closed). */
function focusIsFree(): boolean {
  const el = document.activeElement;
  return el === null || el === document.body;
}
