import AddIcon from '@mui/icons-material/Add';
import { ReadOnlyTip } from '../../../components/ReadOnlyTip';
import { useViewerBlocker } from '../../../client/current-user';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useCurrentUser } from '../../../client/current-user';
import { useProjectList } from '../../../components/queries/project-list';
import {
  useCreateProject,
  useDeleteProject,
  useMoveProject,
  useProjects,
  useRenameProject,
  type ProjectWithStats,
} from '../api/queries';
import { DeleteProjectDialog } from './DeleteProjectDialog';
import { MoveProjectDialog } from './MoveProjectDialog';
import { useDebouncedCommit } from '../../../components/use-debounced-commit';
import { PROJECT_SORTS, searchAndSort, type ProjectSort } from '../project-list';
import { ProjectCard } from './ProjectCard';
import { ProjectNameDialog } from './ProjectDialogs';

export interface ProjectView {
  q?: string;
  sort?: ProjectSort;
  /** My work: only the projects holding the signed-in user's projects, tasks or models, counted over their tasks. */
  mine?: true;
}

/** A card per project, searched and sorted; create, rename and delete. */
export function ProjectCards({
  view,
  onView,
  onOpen,
  onError,
}: {
  view: ProjectView;
  onView: (v: ProjectView) => void;
  onOpen: (id: string) => void;
  onError: (msg: string) => void;
}) {
  const me = useCurrentUser();
  const projects = useProjects(view.mine ? me.id : undefined);
  const viewer = useViewerBlocker();
  const [moving, setMoving] = useState<ProjectWithStats | null>(null);
  // Where a project may move: any project, not only those of the view (My work lists some).
  const everyProject = useProjectList(!!moving);
  const create = useCreateProject();
  const rename = useRenameProject();
  const remove = useDeleteProject();
  const move = useMoveProject();
  const [dialog, setDialog] = useState<{ mode: 'create' | 'rename'; project?: ProjectWithStats } | null>(null);
  const [deleting, setDeleting] = useState<ProjectWithStats | null>(null);
  const [text, setText] = useState(view.q ?? '');
  useEffect(() => setText(view.q ?? ''), [view.q]);
  useDebouncedCommit(text || undefined, view.q, (q) => onView({ ...view, q }), 250);
  const sort = view.sort ?? 'name';
  const shown = useMemo(() => searchAndSort(projects.data ?? [], view.q ?? '', sort), [projects.data, view.q, sort]);
  const run = (p: Promise<unknown>) => p.catch((e: Error & { detail?: string }) => onError(e.detail ?? e.message));
  return (
    <Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2, mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
          Projects
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          aria-label="whose work"
          value={view.mine ? 'mine' : 'team'}
          onChange={(_, v: 'mine' | 'team' | null) => {
            if (v) onView({ ...view, mine: v === 'mine' ? true : undefined });
          }}
          sx={{ flex: 'none' }}
        >
          <ToggleButton value="team">Team work</ToggleButton>
          <ToggleButton value="mine">My work</ToggleButton>
        </ToggleButtonGroup>
        <TextField
          size="small"
          label="Search projects"
          value={text}
          onChange={(e) => setText(e.target.value)}
          sx={{ width: 240, flex: 'none' }}
        />
        <TextField
          select
          size="small"
          label="Sort by"
          value={sort}
          onChange={(e) => onView({ ...view, sort: e.target.value === 'name' ? undefined : (e.target.value as ProjectSort) })}
          sx={{ width: 170, flex: 'none' }}
        >
          {Object.entries(PROJECT_SORTS).map(([k, label]) => (
            <MenuItem key={k} value={k}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <Typography
          variant="body2"
          color="text.secondary"
          role="status"
          aria-label="project count"
          sx={{ flex: 1, whiteSpace: 'nowrap' }}
        >
          {projects.data &&
            (shown.length === projects.data.length
              ? `${shown.length} project${shown.length === 1 ? '' : 's'}`
              : `${shown.length} of ${projects.data.length} project${projects.data.length === 1 ? '' : 's'}`)}
        </Typography>
        <ReadOnlyTip>
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            disabled={!!viewer}
            onClick={() => setDialog({ mode: 'create' })}
            sx={{ whiteSpace: 'nowrap', flex: 'none' }}
          >
            New project
          </Button>
        </ReadOnlyTip>
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 2 }}>
        {shown.map((p) => (
          <ProjectCard
            key={p.id}
            project={p}
            onOpen={() => onOpen(p.id)}
            onRename={() => setDialog({ mode: 'rename', project: p })}
            onMove={() => setMoving(p)}
            onDelete={() => setDeleting(p)}
          />
        ))}
      </Box>
      {projects.data && shown.length === 0 && (
        <Typography color="text.secondary" sx={{ p: 4, textAlign: 'center' }}>
          {view.q
            ? `No project matches “${view.q}”${view.mine ? ' in your work' : ''}.`
            : view.mine
              ? 'No project holds a project, task or model of yours yet.'
              : 'No projects yet.'}
        </Typography>
      )}
      <MoveProjectDialog
        project={moving}
        projects={(everyProject.data ?? []).map((p) => p.name)}
        onClose={() => setMoving(null)}
        onMove={(location) => {
          const p = moving!;
          setMoving(null);
          void run(move.mutateAsync({ id: p.id, location }));
        }}
      />
      <DeleteProjectDialog
        project={deleting}
        onClose={() => setDeleting(null)}
        onDelete={(contents) => {
          const p = deleting!;
          setDeleting(null);
          void run(remove.mutateAsync({ id: p.id, contents }));
        }}
      />
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
