import Typography from '@mui/material/Typography';
import { useNavigate } from '@tanstack/react-router';
import { ProjectTree } from '../../features/projects';

/** The project tree with its heading: beside the page on a wide screen, in the menu on a narrow one. */
export function ProjectsPane({ path, onPicked }: { path: string; onPicked?: () => void }) {
  const navigate = useNavigate();
  const projectId = /^\/projects\/([^/]+)/.exec(path)?.[1];
  return (
    <>
      <Typography variant="overline" sx={{ px: 2, pt: 1, display: 'block', color: 'text.secondary' }}>
        Projects
      </Typography>
      <ProjectTree
        selected={projectId}
        onAllTasks={() => {
          onPicked?.();
          void navigate({ to: '/projects/*/tasks' });
        }}
        onSelect={(id) => {
          onPicked?.();
          // On a project's models, picking another project shows its models; elsewhere its tasks.
          void (/^\/(projects\/[^/]+\/)?models$/.test(path)
            ? navigate({ to: '/projects/$projectId/models', params: { projectId: id } })
            : navigate({ to: '/projects/$projectId/tasks', params: { projectId: id } }));
        }}
      />
    </>
  );
}
