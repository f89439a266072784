import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useNavigate } from '@tanstack/react-router';
import { PipelineRuns, PipelineRunView } from '../../features/pipelines';
import { useOpenTask } from './open-task';

export function PipelinesPage() {
  const navigate = useNavigate();
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        Pipelines
      </Typography>
      <PipelineRuns onOpen={(runId) => void navigate({ to: '/pipelines/$runId', params: { runId } })} />
    </Box>
  );
}

export function PipelineRunPage({ runId }: { runId: string }) {
  const navigate = useNavigate();
  const openTask = useOpenTask('*');
  return (
    <Box>
      <Link
        href="/pipelines"
        underline="hover"
        color="inherit"
        sx={{ display: 'inline-block', mb: 1 }}
        onClick={(e) => {
          e.preventDefault();
          void navigate({ to: '/pipelines' });
        }}
      >
        ‹ Pipelines
      </Link>
      <PipelineRunView
        id={runId}
        onOpenTask={(p, id) => openTask(p ?? '*', id)}
        onOpenRun={(id) => void navigate({ to: '/pipelines/$runId', params: { runId: id } })}
      />
    </Box>
  );
}
