import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { NameDialog, type NameDialogProps } from '../../../components/NameDialog';

/** Asks for a queue name; used to create and to rename. */
export function QueueNameDialog(props: Omit<NameDialogProps, 'label' | 'helperText'>) {
  return <NameDialog {...props} label="Queue name" />;
}

/** Workers named in the delete dialog; the rest are counted. */
const NAMED_WORKERS = 3;

/** Who serves the queue, by name: they find no more work in it once it is gone. */
function servingText(workers: string[]): string {
  if (!workers.length) return 'No worker serves it.';
  const named = workers.slice(0, NAMED_WORKERS).join(', ');
  const more = workers.length > NAMED_WORKERS ? ` and ${workers.length - NAMED_WORKERS} more` : '';
  const one = workers.length === 1;
  return (
    `${workers.length} worker${one ? ' serves' : 's serve'} it: ${named}${more}. ${one ? 'It finds' : 'They find'} no more ` +
    'work in it; a task already running goes on.'
  );
}

/** Confirms deleting a queue, saying who serves it; one holding tasks needs an explicit "delete anyway". */
export function DeleteQueueDialog({
  queue,
  pending,
  workers,
  onClose,
  onDelete,
}: {
  queue: string | null;
  pending: number;
  /** The names of the workers serving the queue. */
  workers: string[];
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
            : 'The queue is empty.'}
        </DialogContentText>
        <DialogContentText sx={{ mt: 1, overflowWrap: 'anywhere' }} data-testid="delete-queue-workers">
          {servingText(workers)}
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

/** Confirms emptying a queue: its pending tasks go back to Draft, and no agent takes them. */
export function ClearQueueDialog({
  queue,
  pending,
  onClose,
  onClear,
}: {
  queue: string | null;
  pending: number;
  onClose: () => void;
  onClear: () => void;
}) {
  return (
    <Dialog open={!!queue} onClose={onClose} aria-labelledby="clear-queue-title">
      <DialogTitle id="clear-queue-title">Clear queue "{queue}"?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {`Its ${pending} pending task${pending === 1 ? '' : 's'} go${pending === 1 ? 'es' : ''} back to Draft; no agent will run ${pending === 1 ? 'it' : 'them'}.`}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="error" variant="contained" onClick={onClear}>
          Clear
        </Button>
      </DialogActions>
    </Dialog>
  );
}
