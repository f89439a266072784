import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useNavigate } from '@tanstack/react-router';
import { DatasetList, DatasetView, useDatasets } from '../../features/datasets';
import { useOpenTask } from './open-task';

export function DatasetsPage() {
  const navigate = useNavigate();
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        Datasets
      </Typography>
      <DatasetList onOpen={(projectId) => void navigate({ to: '/datasets/$projectId', params: { projectId } })} />
    </Box>
  );
}

export function DatasetPage({ projectId, version }: { projectId: string; version?: string }) {
  const navigate = useNavigate();
  const openTask = useOpenTask('*');
  const dataset = useDatasets().data?.find((d) => d.projectId === projectId);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, mb: 2 }}>
        <Link
          href="/datasets"
          underline="hover"
          color="inherit"
          onClick={(e) => {
            e.preventDefault();
            void navigate({ to: '/datasets' });
          }}
        >
          Datasets
        </Link>
        <Typography color="text.secondary">›</Typography>
        <Typography variant="h5" component="h1">
          {dataset ? `${dataset.parent ? `${dataset.parent} / ` : ''}${dataset.name}` : 'Dataset'}
        </Typography>
      </Box>
      <DatasetView
        projectId={projectId}
        version={version}
        onVersion={(v) =>
          void navigate({ to: '/datasets/$projectId', params: { projectId }, search: { version: v }, replace: true })
        }
        onOpenTask={(p, id) => openTask(p ?? '*', id)}
      />
    </Box>
  );
}
