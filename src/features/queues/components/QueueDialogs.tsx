import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';

/** Asks for a queue name; used to create and to rename. */
export function QueueNameDialog({ open, title, initial, action, onClose, onSubmit }: {
  open: boolean;
  title: string;
  initial: string;
  action: string;
  onClose: () => void;
  onSubmit: (name: string) => void;
}) {
  const [name, setName] = useState(initial);
  useEffect(() => {
    if (open) setName(initial);
  }, [open, initial]);
  const ok = name.trim() && name.trim() !== initial;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="queue-dialog-title">
      <DialogTitle id="queue-dialog-title">{title}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          label="Queue name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && ok && onSubmit(name.trim())}
          sx={{ mt: 1 }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!ok} onClick={() => onSubmit(name.trim())}>{action}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Confirms deleting a queue; one holding tasks needs an explicit "delete anyway". */
export function DeleteQueueDialog({ queue, pending, onClose, onDelete }: {
  queue: string | null;
  pending: number;
  onClose: () => void;
  onDelete: (force: boolean) => void;
}) {
  return (
    <Dialog open={!!queue} onClose={onClose} aria-labelledby="delete-queue-title">
      <DialogTitle id="delete-queue-title">Delete queue "{queue}"?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {pending
            ? `It still holds ${pending} pending task${pending === 1 ? '' : 's'}. Deleting it returns them to Draft.`
            : 'The queue is empty. Agents serving it will stop finding work in it.'}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="error" variant="contained" onClick={() => onDelete(pending > 0)}>
          {pending ? 'Delete anyway' : 'Delete'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
