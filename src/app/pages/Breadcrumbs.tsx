import MuiBreadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useNavigate } from '@tanstack/react-router';
import { useProjects } from '../../features/projects';

/** Projects › a › b › c, each part a link to that project's tasks; `tail` is the current page. */
export function ProjectBreadcrumbs({ projectId, tail }: { projectId: string; tail?: string }) {
  const projects = useProjects();
  const navigate = useNavigate();
  const project = projects.data?.find((p) => p.id === projectId);
  const parts = project ? project.name.split('/') : [];
  const go = (href: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    void navigate({ to: href });
  };
  return (
    <MuiBreadcrumbs aria-label="breadcrumbs" sx={{ mb: 1.5, overflowWrap: 'anywhere' }}>
      <Link href="/projects" onClick={go('/projects')} underline="hover" color="inherit">
        Projects
      </Link>
      {projectId === '*' && <Typography color="text.primary">All tasks</Typography>}
      {parts.map((part, i) => {
        const name = parts.slice(0, i + 1).join('/');
        const p = projects.data?.find((x) => x.name === name);
        const last = i === parts.length - 1 && !tail;
        return last || !p ? (
          <Typography key={name} color="text.primary">
            {part}
          </Typography>
        ) : (
          <Link
            key={name}
            href={`/projects/${p.id}/tasks`}
            onClick={go(`/projects/${p.id}/tasks`)}
            underline="hover"
            color="inherit"
          >
            {part}
          </Link>
        );
      })}
      {tail && <Typography color="text.primary">{tail}</Typography>}
    </MuiBreadcrumbs>
  );
}
