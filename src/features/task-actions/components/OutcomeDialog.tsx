import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import type { ActionOutcome } from '../api/run-action';

const PAST: Record<string, string> = {
  enqueue: 'enqueued',
  dequeue: 'dequeued',
  abort: 'aborted',
  reset: 'reset',
  publish: 'published',
  archive: 'archived',
  restore: 'restored',
  delete: 'deleted',
  complete: 'marked completed',
  fail: 'marked failed',
};

/** Says per task what an action did and why the server refused the rest. */
export function OutcomeDialog({
  outcome,
  names,
  onClose,
}: {
  outcome: ActionOutcome | null;
  names: Record<string, string>;
  onClose: () => void;
}) {
  if (!outcome) return null;
  const total = outcome.succeeded.length + outcome.failed.length;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="outcome-title">
      <DialogTitle id="outcome-title">
        {outcome.succeeded.length} of {total} {PAST[outcome.action] ?? outcome.action}
      </DialogTitle>
      <DialogContent>
        {outcome.failed.length > 0 && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {outcome.failed.length} refused
          </Alert>
        )}
        <List dense aria-label="per-task results">
          {outcome.succeeded.map((id) => (
            <ListItem key={id} data-outcome="ok">
              <ListItemText primary={`✓ ${names[id] ?? id}`} />
            </ListItem>
          ))}
          {outcome.failed.map((f) => (
            <ListItem key={f.id} data-outcome="refused">
              <ListItemText primary={`✗ ${names[f.id] ?? f.id}`} secondary={f.message} />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
