import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useAbortRun } from '../api/queries';

/**
 * Asks before aborting a run, saying how many steps go with the controller (those pending or running; finished ones
 * keep their status). A refusal stays in the dialog.
 */
export function AbortRunDialog({
  controller,
  liveSteps,
  open,
  onClose,
}: {
  controller: { id: string; name: string };
  liveSteps: number;
  open: boolean;
  onClose: () => void;
}) {
  const abort = useAbortRun();
  const steps = liveSteps === 1 ? 'its pending or running step' : `its ${liveSteps} pending or running steps`;
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="abort-run-title">
      <DialogTitle id="abort-run-title">Abort {controller.name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The controller {liveSteps ? `and ${steps} are` : 'is'} aborted; steps that ended keep their status.
        </DialogContentText>
        {abort.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {abort.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          color="error"
          disabled={abort.isPending}
          onClick={() =>
            abort.mutate(controller.id, {
              onSuccess: () => {
                abort.reset();
                onClose();
              },
            })
          }
        >
          Abort run
        </Button>
      </DialogActions>
    </Dialog>
  );
}
