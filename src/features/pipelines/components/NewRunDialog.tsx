import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { QueueSelect } from '../../../components/QueueSelect';
import type { Task } from '../../../shared/api/records';
import { useStartPipeline } from '../api/queries';

/**
 * Starts a new run of the pipeline from a run's controller, as ClearML's "New run" does: its parameters (the Args
 * section) shown with their values to edit, and a queue for the controller. On success, opens the new run.
 */
export function NewRunDialog({
  controller,
  open,
  onClose,
  onStarted,
}: {
  controller: Task;
  open: boolean;
  onClose: () => void;
  onStarted: (runId: string) => void;
}) {
  const params = Object.values(controller.hyperparams?.Args ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  const [values, setValues] = useState<Record<string, string>>({});
  const [queue, setQueue] = useState('');
  const start = useStartPipeline();
  useEffect(() => {
    if (open) setValues(Object.fromEntries(params.map((p) => [p.name, p.value ?? ''])));
  }, [open, controller.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = async () => {
    const args = params.map((p) => ({ name: p.name, value: values[p.name] ?? '' }));
    const r = await start.mutateAsync({ controller: controller.id, queue, args });
    onStarted(r.pipeline);
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="new-run-title">
      <DialogTitle id="new-run-title">New run of {controller.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {params.length ? (
            params.map((p) => (
              <TextField
                key={p.name}
                label={p.name}
                size="small"
                helperText={p.description || undefined}
                value={values[p.name] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))}
              />
            ))
          ) : (
            <Typography color="text.secondary">The pipeline takes no parameters: the run repeats this one.</Typography>
          )}
        </Stack>
        <Box sx={{ mt: 1 }}>
          <QueueSelect enabled={open} value={queue} onChange={setQueue} />
        </Box>
        {start.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {start.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!queue || start.isPending} onClick={() => void submit().catch(() => undefined)}>
          Run
        </Button>
      </DialogActions>
    </Dialog>
  );
}
