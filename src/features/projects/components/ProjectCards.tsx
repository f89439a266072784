import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useCreateProject, useDeleteProject, useProjects, useRenameProject, type ProjectWithStats } from '../api/queries';
import { ProjectNameDialog } from './ProjectDialogs';

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Box>
      <Typography variant="h6" component="div" sx={{ color, lineHeight: 1.1 }}>
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

/** A card per project: task count, running and failed, last update; rename and delete. */
export function ProjectCards({ onOpen, onError }: { onOpen: (id: string) => void; onError: (msg: string) => void }) {
  const projects = useProjects();
  const create = useCreateProject();
  const rename = useRenameProject();
  const remove = useDeleteProject();
  const [dialog, setDialog] = useState<{ mode: 'create' | 'rename'; project?: ProjectWithStats } | null>(null);
  const run = (p: Promise<unknown>) => p.catch((e: Error & { detail?: string }) => onError(e.detail ?? e.message));
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1, fontWeight: 600 }}>
          Projects
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ mode: 'create' })}>
          New project
        </Button>
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 2 }}>
        {(projects.data ?? []).map((p) => {
          const s = p.stats?.active;
          return (
            <Card key={p.id} variant="outlined" data-project-card={p.name}>
              <CardActionArea onClick={() => onOpen(p.id)} aria-label={`open project ${p.name}`}>
                <CardContent>
                  <Typography variant="overline" color="text.secondary" noWrap sx={{ display: 'block' }}>
                    {p.name.split('/').slice(0, -1).join(' / ') || ' '}
                  </Typography>
                  <Typography variant="h6" component="h2" noWrap>
                    {p.basename}
                  </Typography>
                  <Box sx={{ display: 'flex', gap: 3, mt: 1.5 }}>
                    <Stat label="tasks" value={s?.total_tasks ?? 0} />
                    <Stat label="running" value={s?.status_count.in_progress ?? 0} color="primary.main" />
                    <Stat
                      label="failed"
                      value={s?.status_count.failed ?? 0}
                      color={(s?.status_count.failed ?? 0) > 0 ? 'error.main' : undefined}
                    />
                  </Box>
                  <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
                    {s?.last_task_run ? `Updated ${new Date(s.last_task_run).toLocaleString()}` : 'No tasks yet'}
                  </Typography>
                </CardContent>
              </CardActionArea>
              <CardActions sx={{ pt: 0 }}>
                {p.own_tasks !== undefined && p.own_tasks !== (s?.total_tasks ?? 0) && (
                  <Chip size="small" label={`${(s?.total_tasks ?? 0) - p.own_tasks} in sub-projects`} />
                )}
                <Box sx={{ flex: 1 }} />
                <Tooltip title="Rename">
                  <IconButton
                    size="small"
                    aria-label={`rename ${p.name}`}
                    onClick={() => setDialog({ mode: 'rename', project: p })}
                  >
                    <EditIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
                <Tooltip title="Delete (only when empty)">
                  <IconButton size="small" aria-label={`delete ${p.name}`} onClick={() => void run(remove.mutateAsync(p.id))}>
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              </CardActions>
            </Card>
          );
        })}
      </Box>
      <ProjectNameDialog
        open={!!dialog}
        title={dialog?.mode === 'rename' ? 'Rename project' : 'New project'}
        initial={dialog?.project?.name ?? ''}
        action={dialog?.mode === 'rename' ? 'Rename' : 'Create'}
        onClose={() => setDialog(null)}
        onSubmit={(name) => {
          const d = dialog;
          setDialog(null);
          void run(d?.mode === 'rename' && d.project ? rename.mutateAsync({ id: d.project.id, name }) : create.mutateAsync(name));
        }}
      />
    </Box>
  );
}
