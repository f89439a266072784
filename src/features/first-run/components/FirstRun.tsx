import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../../../client/react';
import { useCanWrite } from '../../../client/current-user';
import { generateDemo, type DemoProgress } from '../../../client/demo/generate';
import { Link } from '@tanstack/react-router';

function Code({ children, label }: { children: string; label: string }) {
  return (
    <Box
      component="pre"
      aria-label={label}
      sx={{
        p: 2,
        m: 0,
        bgcolor: 'action.hover',
        borderRadius: 1,
        overflow: 'auto',
        fontSize: 13,
        fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
      }}
    >
      {children}
    </Box>
  );
}

/** Shown while the store has no tasks: how to connect the ClearML SDK, or load demo data. */
export function FirstRun({ onLoading }: { onLoading?: (loading: boolean) => void } = {}) {
  const client = useApiClient();
  const qc = useQueryClient();
  const canWrite = useCanWrite();
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function loadDemo() {
    setError(null);
    onLoading?.(true);
    try {
      await generateDemo(client, setProgress);
      await qc.invalidateQueries();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
      onLoading?.(false);
    }
  }
  return (
    <Paper variant="outlined" sx={{ p: 4, maxWidth: 860 }} component="section" aria-label="get started">
      <Typography variant="h5" component="h2" sx={{ fontWeight: 600 }}>
        Connect your first run
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 1, mb: 2 }}>
        Taskdeck speaks the ClearML API: your training scripts log here unchanged. Create an API key pair in{' '}
        <Link to="/settings">Settings</Link>: it comes with a ready <code>~/clearml.conf</code> to save on the machine that runs
        them.
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 2, mb: 1 }}>
        Then, in your script:
      </Typography>
      <Code label="python example">{`from clearml import Task
task = Task.init(project_name="examples", task_name="my first run")
task.get_logger().report_scalar("loss", "train", value=0.42, iteration=1)`}</Code>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 3 }}>
        <Button variant="contained" onClick={() => void loadDemo()} disabled={!!progress || !canWrite}>
          Load demo data
        </Button>
        <Typography variant="body2" color="text.secondary">
          or run <code>npm run demo</code>
        </Typography>
      </Box>
      {progress && (
        <Box sx={{ mt: 2 }} role="status">
          <LinearProgress variant="determinate" value={(100 * progress.done) / progress.total} aria-label="demo data progress" />
          <Typography variant="caption">Creating {progress.name}…</Typography>
        </Box>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
    </Paper>
  );
}
