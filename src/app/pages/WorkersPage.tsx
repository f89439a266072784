import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useNavigate } from '@tanstack/react-router';
import { WorkersAndQueues } from '../../features/queues';

export function WorkersPage({
  queue,
  onQueue,
  worker,
  onWorker,
}: {
  queue: string | null;
  onQueue: (id: string) => void;
  worker: string | null;
  onWorker: (id: string) => void;
}) {
  const navigate = useNavigate();
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 600, mb: 2 }}>
        Workers &amp; Queues
      </Typography>
      <WorkersAndQueues
        selected={queue}
        onSelect={onQueue}
        worker={worker}
        onWorker={onWorker}
        nav={{
          taskHref: (p, id) => `/projects/${p ?? '*'}/tasks/${id}/execution`,
          navigate: (href) => void navigate({ to: href }),
        }}
      />
    </Box>
  );
}
