import EditIcon from '@mui/icons-material/Edit';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useState, type ReactNode } from 'react';

/** Text that turns into an input when editing is allowed; Enter saves, Escape cancels. */
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
  children: ReactNode;
}) {
  const [draft, setDraft] = useState<string | null>(null);
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
        onBlur={() => setDraft(null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
          if (e.key === 'Enter' && (!multiline || e.ctrlKey))
            onSave(draft).then(
              () => setDraft(null),
              () => {
                /* the refusal is shown by the app; the draft stays */
              },
            );
        }}
      />
    );
  }
  return (
    <>
      {children}
      <Tooltip title={editable ? `Edit ${label.toLowerCase()}` : disabledReason}>
        <span>
          <IconButton
            size="small"
            aria-label={`edit ${label.toLowerCase()}`}
            disabled={!editable}
            onClick={() => setDraft(value)}
          >
            <EditIcon fontSize="inherit" />
          </IconButton>
        </span>
      </Tooltip>
    </>
  );
}
