import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useLiveChildren } from '../api/lookups';

const SHOWN = 8;

/**
 * ClearML's "Abort all children" of a pipeline controller or an optimizer: lists the children still pending or
 * running, and aborts those once confirmed (the parent itself goes on).
 */
export function AbortChildrenDialog({
  parent,
  open,
  onClose,
  onAbort,
}: {
  parent: { id: string; name: string };
  open: boolean;
  onClose: () => void;
  onAbort: (children: { id: string; name: string }[]) => void;
}) {
  const children = useLiveChildren(parent.id, open);
  const list = children.data ?? [];
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="abort-children-title">
      <DialogTitle id="abort-children-title">Abort all children</DialogTitle>
      <DialogContent>
        {children.isPending ? (
          <CircularProgress size={24} aria-label="loading children" />
        ) : children.isError ? (
          <DialogContentText role="alert">Could not read the children: {children.error.message}</DialogContentText>
        ) : !list.length ? (
          <DialogContentText>No child of {parent.name} is pending or running.</DialogContentText>
        ) : (
          <>
            <DialogContentText>
              Abort {list.length === 1 ? 'the pending or running child' : `the ${list.length} pending or running children`} of{' '}
              {parent.name}? {parent.name} itself goes on.
            </DialogContentText>
            <ul aria-label="children to abort">
              {list.slice(0, SHOWN).map((t) => (
                <li key={t.id}>{t.name}</li>
              ))}
              {list.length > SHOWN && <li>and {list.length - SHOWN} more</li>}
            </ul>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{list.length ? 'Cancel' : 'Close'}</Button>
        {list.length > 0 && (
          <Button variant="contained" color="error" onClick={() => onAbort(list)}>
            Abort {list.length === 1 ? 'child' : `${list.length} children`}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
