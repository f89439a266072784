import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';

export interface NameDialogProps {
  open: boolean;
  title: string;
  /** The field's label, e.g. "Project path". */
  label: string;
  helperText?: string;
  initial: string;
  /** The submit button's text. */
  action: string;
  onClose: () => void;
  onSubmit: (name: string) => void;
}

/** Asks for one name; used to create and to rename (submitting the unchanged name is not offered). */
export function NameDialog({ open, title, label, helperText, initial, action, onClose, onSubmit }: NameDialogProps) {
  const [name, setName] = useState(initial);
  useEffect(() => {
    if (open) setName(initial);
  }, [open, initial]);
  const ok = !!name.trim() && name.trim() !== initial;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="name-dialog-title">
      <DialogTitle id="name-dialog-title">{title}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          label={label}
          helperText={helperText}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && ok && onSubmit(name.trim())}
          sx={{ mt: 1 }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!ok} onClick={() => onSubmit(name.trim())}>
          {action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
