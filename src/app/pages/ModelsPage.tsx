import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useNavigate } from '@tanstack/react-router';
import { isUnknownId, NotFound } from '../../components/NotFound';
import { ModelDetail, ModelTable, useModel, type ModelFilters, type ModelTab } from '../../features/models';
import { ProjectBreadcrumbs } from './Breadcrumbs';
import { useOpenTask } from './open-task';

/** The model table of a project (`*`: every project); filters live in the URL. */
export function ModelsPage({ filters, onFilters }: { filters: ModelFilters; onFilters: (f: ModelFilters) => void }) {
  const navigate = useNavigate();
  const openTask = useOpenTask(filters.projectId);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      {filters.projectId === '*' ? (
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          Models
        </Typography>
      ) : (
        <ProjectBreadcrumbs projectId={filters.projectId} tail="Models" />
      )}
      <ModelTable
        filters={filters}
        onFilters={onFilters}
        onOpen={(m) => void navigate({ to: '/models/$modelId/$tab', params: { modelId: m.id, tab: 'general' } })}
        onOpenTask={(p, id) => openTask(p ?? '*', id)}
      />
    </Box>
  );
}

export function ModelPage({ modelId, tab }: { modelId: string; tab: ModelTab }) {
  const navigate = useNavigate();
  const openTask = useOpenTask('*');
  const model = useModel(modelId);
  if (isUnknownId(model.error))
    return (
      <NotFound
        title="Model not found"
        detail={`No model has the id ${modelId.slice(0, 64)}. It may have been deleted, or the link is wrong.`}
        back={{ label: 'All models', href: '/models', navigate: (to) => void navigate({ to }) }}
      />
    );
  return (
    <ModelDetail
      modelId={modelId}
      tab={tab}
      onTab={(next) => void navigate({ to: '/models/$modelId/$tab', params: { modelId, tab: next }, replace: true })}
      onOpenTask={(p, id) => openTask(p ?? '*', id)}
      onDeleted={() => void navigate({ to: '/models' })}
    />
  );
}
